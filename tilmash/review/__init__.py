"""Side-by-side review: the static `review.html` page and the interactive workbench.

`view` turns a set's documents, alignments and quality flags into rows;
`render` draws them as HTML (the same markup for the static page and the
workbench, so what a reviewer sees in the browser is what `tilmash run`
wrote); `store`, `workbench` and `app` hold the reviewer's state in SQLite
and serve it; `exports` writes the reviewed corpus.
"""
