"""The corpus builder: many documents in, one filtered, sharded parallel corpus out (`tilmash corpus`).

`build_corpus(inputs, out_dir, BuildOptions(...))` pairs nothing and trusts the inputs' grouping;
`pair_documents(dir_a, dir_b, ...)` finds which document translates which when nobody said. The pieces: inputs
(sets, directories of sets, manifests), the per-group pipeline (`pipeline`), checkpoints (`store`), filters
(`filters/`, one module each), writers (`writers/`, one module each), engines (`engines/`: local, ray), the
assembly pass and the commit.
"""
from .build import BuildOptions, BuildResult, BuildStopped, build_corpus
from .pairing import PairingResult, pair_documents

__all__ = ["BuildOptions", "BuildResult", "BuildStopped", "PairingResult", "build_corpus", "pair_documents"]
