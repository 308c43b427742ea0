// A shared object that is not a codelet object: no tessel_codelet_table.
extern "C" __attribute__((visibility("default"))) int tessel_not_a_table() {
  return 1;
}
