/* printf from a vertex, as Poplar's device-side print.h offers. Codelets call
 * the C library's printf (and vprintf, puts, putchar); popc routes those calls
 * to the running vertex's tile, and the Engine shows each line on its print
 * stream (Engine::setPrintStream, std::cout by default) prefixed with the
 * tile's number, in tile order after each compute set (docs/codelets.md). */
#ifndef TESSEL_PRINT_H
#define TESSEL_PRINT_H

#include <stdio.h>

#endif
