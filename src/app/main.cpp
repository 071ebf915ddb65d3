#include "app/dispatch.hpp"

int main(int argc, char** argv) { return ipcdemo::main(argc, argv); }
