/* A C helper that prints, for printing.cpp. */
#include <print.h>

void sayFromC(int value) { printf("from C %d\n", value); }
