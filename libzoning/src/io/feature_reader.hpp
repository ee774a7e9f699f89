#pragma once
// Internal: the one way a source feature becomes a geometry the engine works with — OGR
// geometry → GEOS → the working CRS → valid (MakeValid) — and, for a feature that does not make
// it, a policy of the caller's:
//   - the catalog loader (load/loaded_catalog.cpp): repair and warn, skip what is empty (warn);
//   - `zoning check` (check/raw_layer.cpp): record a finding, with GEOS's reason and location;
//   - the footprint reader (io/footprint_reader.cpp): repair and warn, stop on anything else.
// Each policy words its own messages; the order of the steps and what is tested is here.
#include <zoning/area.hpp>
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include <ogrsf_frmts.h>

#include <functional>
#include <optional>
#include <string>

namespace zoning::io {

/// What can be wrong with a feature on its way through the pipeline.
enum class Defect {
    no_geometry,         ///< null or empty in the source: skipped
    bad_coordinates,     ///< NaN/infinite, or cannot be transformed into the working CRS: skipped
    invalid,             ///< invalid (self-intersection, ...): repaired with MakeValid and kept
    empty_after_repair,  ///< nothing of the input's dimension left after MakeValid: skipped
};

struct FeatureDefect {
    Defect kind = Defect::no_geometry;
    const OGRFeature* feature = nullptr;  ///< the feature as read (its fields)
    const std::string* where = nullptr;   ///< "path layer NAME fid N", or the caller's own place
    /// bad_coordinates: the transformer's message. invalid: GEOS's reason, with "[x y]" when the
    /// policy does not take the location apart (see BadFeaturePolicy::wants_location).
    std::string reason;
    Geom location;  ///< invalid, when the policy wants_location(): the point GEOS names, or null
};

/// What a caller does with a bad feature. `on_defect` may throw to stop reading; when it returns,
/// the feature is skipped, or kept after repair when it was `invalid`.
class BadFeaturePolicy {
public:
    virtual ~BadFeaturePolicy() = default;
    virtual void on_defect(FeatureDefect& d) = 0;
    /// True: an `invalid` defect carries GEOS's reason without the location and the location as a
    /// point geometry (GEOSisValidDetail). False: the reason with its location (GEOSisValidReason).
    [[nodiscard]] virtual bool wants_location() const { return false; }
};

/// A feature's geometry as the engine works with it.
struct FeatureGeometry {
    Geom geom;           ///< in the working CRS, valid
    Envelope env;
    int dimension = 2;   ///< 0 point, 1 line, 2 polygon
    bool repaired = false;
};

/// Turns features of one source, in `source` CRS, into valid geometries in `working`.
class FeatureReader {
public:
    /// `ctx` makes the geometries; `policy` must outlive the reader.
    FeatureReader(const GeosContext& ctx, const Crs& source, const Crs& working, BadFeaturePolicy& policy);

    /// `g` (the feature's own geometry, or a checked copy of it) through the pipeline, or nothing
    /// when the feature is skipped. `where` names the feature in messages.
    std::optional<FeatureGeometry> read(const OGRFeature& f, const OGRGeometry* g, const std::string& where);
    /// The same with the feature's own geometry.
    std::optional<FeatureGeometry> read(const OGRFeature& f, const std::string& where) {
        return read(f, f.GetGeometryRef(), where);
    }

private:
    void report(Defect kind, const OGRFeature& f, const std::string& where, std::string reason = {},
                Geom location = {});
    const GeosContext* ctx_;
    Transformer to_working_;
    BadFeaturePolicy* policy_;
};

/// Calls `fn` with every feature of `layer` that passes its attribute filter, from the first,
/// in the source's order. The one loop over a source's features (catalog layers, `check`,
/// footprints). `label` ("path layer NAME") names the layer in messages.
// Throws InputError (issue 13, docs/formats.md "Broken input") when GDAL raises a CE_Failure while
// the source is read (GDAL's message quoted), when fewer or more features are read than the source
// declares (GetFeatureCount, only when cheap and without a filter), or when more than half of the
// features have no geometry. NaN or infinite coordinates are checked in FeatureReader::read.
void for_each_feature(OGRLayer& layer, const std::string& label, const std::function<void(OGRFeature&)>& fn);

}  // namespace zoning::io
