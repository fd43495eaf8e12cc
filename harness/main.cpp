#include "harness/cli.h"

int main(int argc, char** argv) { return tlsc::harness::run_cli(argc, argv); }
