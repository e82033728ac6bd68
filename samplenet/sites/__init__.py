"""One module per imitated kind of news site; each a Site subclass."""
