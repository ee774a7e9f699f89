#include <zoning/area.hpp>
#include <zoning/error.hpp>

namespace zoning {

double AreaMeter::survey(const GeosContext&, const GEOSGeometry*) const {
    throw InternalError("survey area: not implemented yet");
}

}  // namespace zoning
