// The `zoning` command. All logic is in zoning_cli (cli.cpp, cmd_*.cpp) and libzoning so that
// tests run the same code in-process.
#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) { return zoning::cli::run(argc, argv, std::cout, std::cerr); }
