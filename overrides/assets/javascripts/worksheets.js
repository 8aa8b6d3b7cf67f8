/* worksheets: see the issue that owns it */
