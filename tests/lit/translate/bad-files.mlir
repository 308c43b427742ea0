// The dump reads with the reader's checks: what is not an intact
// executable is a parse_error saying what is wrong, and nothing is printed.
// RUN: not poplar-translate --executable-to-text %s 2>&1 | FileCheck %s --check-prefix=FOREIGN
// FOREIGN: parse_error: Executable::deserialize: the stream is not a Tessel executable (expected it to start with "TESSELEX", found "// The d")
// FOREIGN-NOT: section

// RUN: poplar-translate --tile-to-executable %s -o %t
// RUN: head -c 100 %t > %t.short
// RUN: not poplar-translate --executable-to-text %t.short 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: parse_error: Executable::deserialize: the stream ended after 100 of the 172 header bytes; the file is truncated

// One damaged byte in the tables section fails its checksum.
// RUN: python3 -c "import sys; b = bytearray(open(sys.argv[1], 'rb').read()); b[-40] ^= 1; open(sys.argv[2], 'wb').write(b)" %t %t.bad
// RUN: not poplar-translate --executable-to-text %t.bad 2>&1 | FileCheck %s --check-prefix=DAMAGED
// DAMAGED: parse_error: Executable::deserialize: section '{{[a-z]+}}' ({{[0-9]+}} bytes at byte {{[0-9]+}}) has checksum {{[0-9]+}}, the directory says {{[0-9]+}}; the file is corrupted

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 4>} {
  tile.variable "x" {element_bytes = 4, pieces = array<i64: 0, 0, 4>}
  tile.program 0 {
  }
}
