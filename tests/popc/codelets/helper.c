/* A C helper the vertex in uses_helper.cpp calls. */
int tripled(int x) { return 3 * x; }
