#include "generator.hpp"
namespace gen {
void Generator::build_projects() {}
void Generator::write_examples(const std::string&) const {}
}
