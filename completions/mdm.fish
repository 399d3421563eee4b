complete --keep-order --exclusive --command mdm --arguments "(COMPLETE=fish mdm -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
