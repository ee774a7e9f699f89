#pragma once
// Screening: overlay each footprint on each layer of a loaded catalog, measure, and judge.
#include <zoning/area.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/rules.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

/// One zoning feature a footprint touches (or lies near).
struct FeatureHit {
    std::int64_t fid = 0;
    std::string name, code, cls;
    Verdict verdict = Verdict::allowed;
    double area_m2 = 0;              ///< planar area of footprint ∩ feature
    double area_ellipsoidal_m2 = 0;
    double length_m = 0;             ///< length of a line footprint inside the feature
    double distance_m = 0;           ///< 0 when it intersects
    Geom piece;                      ///< footprint ∩ feature (null for a near entry)
};

/// A footprint's relation to one class (a value of the layer's `class_field`) of a layer: the
/// union of the pieces of the features of that class (docs/screen.md "Class rows").
struct ClassRow {
    std::string cls;                 ///< the class value (may be empty: features without one)
    std::string title;               ///< the class's title in the catalog, else the value
    Verdict verdict = Verdict::allowed;  ///< the class's verdict (most severe of its features)
    /// The rule that gave the verdict (a footprint with a category; docs/rules.md), else nothing.
    std::optional<AppliedRule> rule;
    bool near_only = false;          ///< every feature of the class is only near
    double area_m2 = 0;              ///< planar area of footprint ∩ union(features of the class)
    double area_ellipsoidal_m2 = 0;
    double share = 0;                ///< of the footprint's area (length for lines)
    double length_m = 0;             ///< as Conflict::length_m, for the class's features
    double distance_m = 0;           ///< a near-only class: the nearest of its features
    std::vector<size_t> features;    ///< indexes into Conflict::features
};

/// A footprint's relation to one layer.
struct Conflict {
    std::string layer;
    LayerKind kind = LayerKind::other;
    std::string title;
    Verdict verdict = Verdict::allowed;
    /// The rule that gave the verdict (a footprint with a category; docs/rules.md), else nothing.
    /// With class rows: the rule of the most severe one.
    std::optional<AppliedRule> rule;
    bool near_only = false;          ///< outside the layer, within its near_m
    double area_m2 = 0;              ///< planar area of footprint ∩ union(layer)
    double area_ellipsoidal_m2 = 0;
    double share = 0;                ///< of the footprint's area (length for lines)
    /// A line footprint: its length inside the layer (along a line layer: within kAlongTolerance
    /// of it); a corridor: its centre line's; a polygon or corridor against a line layer (rivers):
    /// the length of the layer's lines inside it.
    double length_m = 0;
    double distance_m = 0;
    std::optional<double> outside_m2;  ///< urban_boundary: footprint area outside the boundary
    std::vector<FeatureHit> features;
    /// Layers with a `class_field`: one row per class, most severe first (then by first
    /// feature). The conflict is their subtotal: the union, so overlapping classes count once.
    std::vector<ClassRow> classes;
    Geom piece;                      ///< footprint ∩ union(layer), null for a near entry
    /// The rule that gave features[i] its verdict: its class row's, else the conflict's; null when
    /// the footprint has no category (docs/rules.md).
    [[nodiscard]] const AppliedRule* feature_rule(size_t i) const;
};

/// One land-use class (地类) under a footprint: a first-level class (its `classes` the second-level
/// ones) or a second-level class. Areas of footprint ∩ the class's parcels (docs/land-use.md).
struct LandUseClass {
    std::string code;                ///< "01", or the DLBM "0103" (without a 三调 K/A mark)
    std::string name;                ///< 耕地, 旱地: the code table's, else the layer's name field
    double area_m2 = 0;              ///< planar
    double area_ellipsoidal_m2 = 0;
    double length_m = 0;             ///< of a line footprint without width
    double share = 0;                ///< of the footprint's area (length for lines)
    double farmland_m2 = 0;          ///< the part in 永久基本农田 (when a farmland layer was screened)
    double farmland_ellipsoidal_m2 = 0;
    std::vector<LandUseClass> classes;  ///< second-level classes of a first-level one, by code
};

/// The 占用地类 table of one footprint over one `land_use` layer. Not a conflict: no verdict.
struct LandUseTable {
    std::string layer, title;
    double area_m2 = 0;              ///< footprint ∩ union(layer): the land the table describes
    double area_ellipsoidal_m2 = 0;
    double length_m = 0;
    double share = 0;                ///< of the footprint (1 when the layer covers it)
    double overlap_m2 = 0;           ///< sum of the classes − area_m2: > 0 only when parcels overlap
    std::vector<LandUseClass> classes;  ///< first-level classes, by code
    double cultivated_m2 = 0;        ///< 耕地 (01)
    double cultivated_ellipsoidal_m2 = 0;
    /// Permanent farmland (the catalog's permanent_farmland layers screened with it).
    bool farmland_screened = false;
    double farmland_m2 = 0;          ///< footprint ∩ 永久基本农田
    double farmland_ellipsoidal_m2 = 0;
    double farmland_on_cultivated_m2 = 0;  ///< of which on 耕地
    double farmland_on_cultivated_ellipsoidal_m2 = 0;
    double wetland_m2 = 0;           ///< the codes the 三调 工作分类 counts as 00 湿地
    double wetland_ellipsoidal_m2 = 0;
    double urban_rural_m2 = 0;       ///< 城镇村及工矿用地: 05–09 (not 0603) and 20x
    double urban_rural_ellipsoidal_m2 = 0;
};

/// Where a footprint lies against the catalog's coverage (docs/screen.md, "Coverage").
enum class Coverage {
    full,       ///< wholly inside
    partial,    ///< partly outside: the verdict is the covered part's
    none,       ///< wholly outside: verdict unknown
    unchecked,  ///< the catalog declares no coverage (no admin layer, no `coverage: true`)
};
std::string_view to_string(Coverage c);  ///< "full" | "partial" | "none" | "unchecked"

struct FootprintResult {
    std::string id, name, source, geometry_type;
    int dimension = 2;               ///< of the screened geometry: 0 point, 1 line, 2 polygon
    double area_m2 = 0;              ///< polygon, corridor or disc area
    double area_ellipsoidal_m2 = 0;
    double length_m = 0;             ///< of a line footprint
    double width_m = 0, radius_m = 0;
    Verdict verdict = Verdict::allowed;
    /// The project's category (Footprint::category): the rules decide its rows' verdicts.
    std::optional<Category> category;
    std::vector<Conflict> conflicts;
    std::vector<LandUseTable> land_use;  ///< one per land_use layer screened (never a conflict)
    Geom geom;                       ///< the screened geometry (corridor/disc when buffered)
    // Coverage (docs/screen.md): a footprint wholly outside the catalog's coverage is `unknown`.
    Coverage coverage = Coverage::unchecked;
    double outside_catalog_m2 = 0;   ///< planar area outside the coverage (polygon, corridor, disc)
    double outside_catalog_ellipsoidal_m2 = 0;  ///< the same, ellipsoidal (公顷 and 亩 in human outputs)
    double outside_catalog_m = 0;    ///< length of a line footprint (a corridor's centreline) outside
    Geom outside;                    ///< the part outside the coverage (null when full or unchecked)
    /// Why the footprint was not screened (its verdict is then `unknown`): its screening or repair
    /// stopped at --footprint-timeout. Empty when it was screened.
    std::string not_screened;
};

struct ScreenOptions {
    EllipsoidalMethod ellipsoidal = EllipsoidalMethod::geodesic;
    std::vector<std::string> layers;  ///< screen only these layer ids (empty: all)
    unsigned threads = 0;             ///< worker threads (0: one per core)
    /// Stop screening one footprint when it takes longer than this (seconds; 0: no limit): that
    /// footprint gets verdict `unknown`, `not_screened` naming the operation and the time, and a
    /// warning; the others are screened. GEOS checks between coarse steps, so the stop comes some
    /// time after it (docs/validity.md).
    double footprint_timeout_s = 60;
    /// Called after each footprint screened (stage "footprints").
    ProgressCallback on_progress;
    /// The rule packs that decide the verdicts of footprints with a category (docs/rules.md);
    /// null: the catalog's `rules:` (else the national pack), loaded when a footprint has one.
    std::shared_ptr<const RuleSet> rules;
};

struct ScreenReport {
    /// The context that made the result geometries: declared first, so it is destroyed last.
    std::shared_ptr<const GeosContext> context;
    /// Every context that made result geometries (one per worker thread).
    std::vector<std::shared_ptr<const GeosContext>> contexts;
    std::string catalog;             ///< catalog name
    std::string crs;                 ///< working CRS label
    EllipsoidalMethod ellipsoidal = EllipsoidalMethod::geodesic;
    std::vector<FootprintResult> footprints;
    std::vector<Warning> warnings;
    std::string coverage_layer;      ///< the layer id giving the catalog's coverage, or empty: none
    /// The rule packs applied (some footprint has a category), else null.
    std::shared_ptr<const RuleSet> rules;
    /// Whether some footprint has a category (the reports then show the rules).
    [[nodiscard]] bool has_categories() const;
    [[nodiscard]] Verdict worst() const;
};

/// Screens footprints against one catalog. Holds per-thread state (GEOS context, prepared
/// geometries, PROJ objects): one Screener per thread.
class Screener {
public:
    Screener(const LoadedCatalog& catalog, ScreenOptions opts);
    ~Screener();
    Screener(const Screener&) = delete;
    Screener& operator=(const Screener&) = delete;

    [[nodiscard]] FootprintResult screen(const Footprint& fp);
    [[nodiscard]] const GeosContext& context() const noexcept;
    /// Shared ownership of the context, for results that outlive the Screener.
    [[nodiscard]] std::shared_ptr<const GeosContext> shared_context() const noexcept;
    [[nodiscard]] const AreaMeter& meter() const noexcept;

private:
    [[nodiscard]] FootprintResult screen_one(const Footprint& fp);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Screens `footprints` in parallel (one Screener per worker thread) and gathers the report in
/// the footprints' order. The result does not depend on the number of threads.
ScreenReport screen_all(const LoadedCatalog& catalog, const std::vector<Footprint>& footprints,
                        const ScreenOptions& opts);

/// Tolerances: an overlap smaller than this is a touch, not a conflict (m² and m).
inline constexpr double kMinConflictArea = 1e-6;
inline constexpr double kMinConflictLength = 1e-6;
/// A line footprint runs "along" a line zone (a river) where it is within this distance of it
/// (m): the length reported against a line layer is the footprint's length inside the zone line
/// buffered by it. Crossing a line at an angle θ counts 2·kAlongTolerance/sin θ (1 m square on).
inline constexpr double kAlongTolerance = 0.5;

}  // namespace zoning
