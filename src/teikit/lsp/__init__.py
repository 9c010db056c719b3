"""`teikit lsp`: a Language Server Protocol server for TEI editions (pygls, over stdio).

Editors (VS Code, Neovim, Emacs, oXygen's LSP plugin) get, for every open TEI file:
diagnostics from teikit's checker on the text being edited (:mod:`teikit.lsp.diagnose`),
completion of pointer values from the edition's ``xml:id``s and registers, hover cards for
persons, places and other entries (:mod:`teikit.lsp.cards`), go to definition, find
references and rename of an ``xml:id`` (:mod:`teikit.lsp.scan` finds every id and pointer
in the text with its exact position). The wiring to the protocol is :mod:`teikit.lsp.server`.
"""
