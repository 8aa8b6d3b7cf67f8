"""A small Language Server Protocol client: drives yaml-language-server the way an editor does.

It starts the server from node_modules/, hands it the project's .vscode/settings.json
`yaml.schemas` map exactly as VS Code's YAML extension would, opens documents in
memory (nothing is written) and asks for diagnostics, completions and hovers.
"""
from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
WAIT = 120  # seconds; generous, since two busy cores can be slow. A wait, not a timed assertion.


class YamlLanguageServer:
    def __init__(self, root: Path = ROOT):
        self.root = root
        self.process = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._replies: dict[int, queue.Queue] = {}
        self._diagnostics: dict[str, queue.Queue] = {}
        self._lock = threading.Lock()
        self._versions: dict[str, int] = {}
        settings = json.loads((root / ".vscode" / "settings.json").read_text())
        # What VS Code answers for this workspace when the server asks for its settings. The
        # schema store is off: it would fetch a catalogue from the internet.
        self.settings = {"yaml": {"schemas": settings["yaml.schemas"], "yamlVersion": settings["yaml.yamlVersion"],
                                  "validate": True, "completion": True, "hover": True,
                                  "schemaStore": {"enable": False}}}
        threading.Thread(target=self._read, daemon=True).start()
        folder = {"uri": root.as_uri(), "name": root.name}
        self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(), "workspaceFolders": [folder],
            "capabilities": {"textDocument": {"completion": {"completionItem": {"snippetSupport": True}},
                                              "hover": {"contentFormat": ["plaintext"]},
                                              "publishDiagnostics": {}},
                             "workspace": {"workspaceFolders": True, "configuration": True}},
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    # --- the protocol ----------------------------------------------------------------

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:  # the server asks the client something
                result = None
                if message["method"] == "workspace/configuration":
                    result = [self.settings.get(item.get("section")) for item in message["params"]["items"]]
                self._send({"id": message["id"], "result": result})
            elif "id" in message:
                self._reply_queue(message["id"]).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                self._diagnostic_queue(message["params"]["uri"]).put(message["params"]["diagnostics"])

    def _reply_queue(self, request_id: int) -> queue.Queue:
        with self._lock:
            return self._replies.setdefault(request_id, queue.Queue())

    def _diagnostic_queue(self, uri: str) -> queue.Queue:
        with self._lock:
            return self._diagnostics.setdefault(uri, queue.Queue())

    def request(self, method: str, params: dict):
        with self._lock:
            self._next_id += 1
            request_id = self._next_id
        self._send({"id": request_id, "method": method, "params": params})
        reply = self._reply_queue(request_id).get(timeout=WAIT)
        assert "error" not in reply, reply["error"]
        return reply.get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    # --- what an editor does -----------------------------------------------------------

    def uri(self, relative_path: str) -> str:
        return (self.root / relative_path).as_uri()

    def open(self, relative_path: str, text: str) -> str:
        """Open (or replace) a document in memory; returns its uri."""
        uri = self.uri(relative_path)
        version = self._versions.get(uri, 0) + 1
        self._versions[uri] = version
        # Drop reports about an earlier text of this document.
        stale = self._diagnostic_queue(uri)
        while not stale.empty():
            stale.get_nowait()
        if version == 1:
            self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                                  "version": version, "text": text}})
        else:
            self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                   "contentChanges": [{"text": text}]})
        return uri

    def diagnostics(self, relative_path: str, text: str) -> list[str]:
        """The problems the editor underlines in this text, as 'line: message' (lines from 1)."""
        uri = self.open(relative_path, text)
        found = self._diagnostic_queue(uri).get(timeout=WAIT)
        return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in found]

    def completions(self, relative_path: str, text: str, line: int, column: int) -> list[dict]:
        """What the editor offers at this place (line and column from 1)."""
        uri = self.open(relative_path, text)
        self._diagnostic_queue(uri).get(timeout=WAIT)  # the text is read once it is validated
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                          "position": {"line": line - 1, "character": column - 1}})
        return result["items"] if isinstance(result, dict) else (result or [])

    def hover(self, relative_path: str, text: str, line: int, column: int) -> str:
        uri = self.open(relative_path, text)
        self._diagnostic_queue(uri).get(timeout=WAIT)
        result = self.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                     "position": {"line": line - 1, "character": column - 1}})
        if not result:
            return ""
        contents = result["contents"]
        return contents["value"] if isinstance(contents, dict) else str(contents)

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=WAIT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
