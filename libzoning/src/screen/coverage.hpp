#pragma once
// Internal: the catalog's coverage (issue 14 item 3, docs/screen.md "Coverage"). A catalog
// says nothing about land outside the district it covers, so a footprint there is not
// `allowed` but `unknown`. The coverage is the union of the layer marked `coverage: true`, else
// of the admin layer of widest extent; a catalog with neither declares none (`unchecked`).
#include <zoning/area.hpp>
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>
#include <zoning/screen.hpp>

#include <string>

namespace zoning::coverage {

/// The warning, once per report, for a catalog that declares no coverage.
Warning unchecked_warning(const LoadedCatalog& catalog);

/// One thread's view of the coverage: its union (made once per catalog by the layer, shared
/// read-only) prepared with this thread's context.
class Check {
public:
    /// Call catalog.coverage_layer()->union_geometry() once on the loading thread first (the
    /// union is made with the loading context).
    Check(const GeosContext& ctx, const LoadedCatalog& catalog);

    [[nodiscard]] bool declared() const noexcept { return layer_ != nullptr; }

    /// Sets r.coverage, r.outside_catalog_m2, r.outside_catalog_m and r.outside for the screened
    /// geometry r.geom (areas need r.area_m2 measured; `centreline`: a corridor's line, or null).
    /// Parts outside under the conflict tolerances (kMinConflictArea, kMinConflictLength) are a
    /// touch: `full`; inside parts under them: `none`.
    void measure(FootprintResult& r, const GEOSGeometry* centreline, const AreaMeter& meter) const;

private:
    const GeosContext& ctx_;
    const ZoneLayer* layer_ = nullptr;
    const GEOSGeometry* union_ = nullptr;
    Prepared prepared_;
    Envelope env_;
};

}  // namespace zoning::coverage
