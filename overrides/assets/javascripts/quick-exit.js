/* quick-exit: see the issue that owns it */
