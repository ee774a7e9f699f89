// Loading a catalog: open, check, reproject, repair, index.
#include <zoning/error.hpp>
#include <zoning/layer.hpp>

#include "cache/catalog_cache.hpp"
#include "geom/rtree.hpp"
#include "io/feature_reader.hpp"
#include "io/ogr_source.hpp"
#include "load/catalog_source.hpp"
#include "load/layer_extents.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace zoning {

// ---------------------------------------------------------------------------------------------
// ZoneLayer

struct ZoneLayer::Index {
    geom::BoxTree tree;
};

ZoneLayer::ZoneLayer(const GeosContext& ctx, LayerSpec spec, Crs source_crs,
                     std::vector<ZoneFeature> features, int repaired, int skipped)
    : ctx_(&ctx),
      spec_(std::move(spec)),
      source_crs_(std::move(source_crs)),
      features_(std::move(features)),
      repaired_(repaired),
      skipped_(skipped),
      index_(std::make_unique<Index>()),
      union_once_(std::make_unique<std::once_flag>()),
      union_(nullptr, GeomDeleter{ctx.handle()}) {
    std::vector<Envelope> boxes;
    boxes.reserve(features_.size());
    for (const auto& f : features_) {
        extent_.expand(f.env);
        boxes.push_back(f.env);
    }
    index_->tree = geom::BoxTree(boxes);
}

ZoneLayer::~ZoneLayer() = default;
ZoneLayer::ZoneLayer(ZoneLayer&&) noexcept = default;
ZoneLayer& ZoneLayer::operator=(ZoneLayer&&) noexcept = default;

bool ZoneLayer::polygonal() const noexcept {
    if (features_.empty()) return false;
    for (const auto& f : features_) {
        if (f.dimension != 2) return false;
    }
    return true;
}

std::vector<size_t> ZoneLayer::query(const Envelope& box) const {
    if (box.empty()) return {};
    std::vector<size_t> ids = index_->tree.query(box);
    // By the source's feature id, not the order the features were read in: a database returns
    // its rows in an order of its own (the table loaded from a shapefile lists some of them
    // elsewhere), and a report lists its features in this order.
    std::sort(ids.begin(), ids.end(), [this](size_t a, size_t b) {
        return features_[a].fid != features_[b].fid ? features_[a].fid < features_[b].fid : a < b;
    });
    return ids;
}

const GEOSGeometry* ZoneLayer::union_geometry() const {
    std::call_once(*union_once_, [this] {
        if (!union_wkb_.empty()) {  // read from the cache
            union_ = ctx_->from_wkb(union_wkb_.data(), union_wkb_.size());
            union_wkb_ = {};
            return;
        }
        std::vector<const GEOSGeometry*> parts;
        parts.reserve(features_.size());
        for (const auto& f : features_) parts.push_back(f.geom.get());
        union_ = ctx_->union_all(parts);
    });
    return union_.get();
}

// ---------------------------------------------------------------------------------------------
// LoadedCatalog

namespace {

std::string no_crs(const io::OgrSource& src) {
    const std::string why = io::no_crs_reason(src);
    return why.empty() ? "no .prj?" : why;
}

/// A layer opened and checked against its spec, with a CRS to read it in; not yet read.
load::CatalogSource open_layer(const Catalog& c, const LayerSpec& s) {
    load::CatalogSource o = load::open_catalog_source(c, s);
    if (!o.crs) {
        throw CatalogError(c.path.string(), s.line_of("source"),
                           "layer '" + s.id + "': " + o.src.label + " has no CRS (" + no_crs(o.src) + "); "
                           "name it with 'crs:' in the layer, e.g. crs: EPSG:4547");
    }
    return o;
}

/// The loader's policy for a bad feature: repair and warn; skip, with a warning, what is empty;
/// stop on coordinates that cannot be brought into the working CRS.
class RepairAndWarn final : public io::BadFeaturePolicy {
public:
    explicit RepairAndWarn(const std::function<void(const Warning&)>& warn) : warn_(&warn) {}
    void on_defect(io::FeatureDefect& d) override {
        const std::string& where = *d.where;
        switch (d.kind) {
            case io::Defect::no_geometry:
                ++skipped;
                (*warn_)({where, "empty or null geometry: skipped"});
                return;
            case io::Defect::bad_coordinates: throw InputError(where + ": " + d.reason);
            case io::Defect::invalid:
                ++repaired;
                (*warn_)({where, "invalid geometry (" + d.reason + "): repaired with MakeValid"});
                return;
            case io::Defect::empty_after_repair:
                ++skipped;
                (*warn_)({where, "geometry is empty after repair: skipped"});
                return;
        }
    }
    int repaired = 0, skipped = 0;

private:
    const std::function<void(const Warning&)>* warn_;
};

ZoneLayer read_layer(load::CatalogSource& o, const Crs& working, const GeosContext& ctx,
                     const std::function<void(const Warning&)>& warn, std::int64_t& read) {
    const LayerSpec& s = *o.spec;
    RepairAndWarn policy(warn);
    io::FeatureReader reader(ctx, *o.crs, working, policy);
    std::vector<ZoneFeature> features;
    for (const auto& n : o.src.notes) warn({o.src.label, n});  // encoding detected, TXT notes
    io::TextFields text;
    io::for_each_feature(*o.src.layer, o.src.label, [&](OGRFeature& f) {
        ++read;
        const std::string where = o.src.label + " fid " + std::to_string(f.GetFID());
        std::optional<io::FeatureGeometry> g = reader.read(f, where);
        if (!g) return;
        ZoneFeature z;
        z.fid = f.GetFID();
        z.name = text(f, o.name_idx, where);
        z.code = text(f, o.code_idx, where);
        z.cls = text(f, o.class_idx, where);
        z.verdict = s.verdict_for(z.cls);
        z.dimension = g->dimension;
        z.env = g->env;
        z.geom = std::move(g->geom);
        features.push_back(std::move(z));
    });
    if (text.gbk_values() > 0) warn({o.src.label, text.warning()});
    return ZoneLayer(ctx, s, *o.crs, std::move(features), policy.repaired, policy.skipped);
}

/// A layer whose features mostly lie outside the catalog's coverage after reprojection is
/// refused (load/layer_extents.hpp: the rule `zoning check` reports too).
void check_extents(const std::vector<ZoneLayer>& layers, const std::vector<load::CatalogSource>& open) {
    std::vector<load::LayerPlacement> placement;
    placement.reserve(layers.size());
    for (const ZoneLayer& l : layers) {
        placement.push_back({l.spec().kind, l.features().size(), l.extent(), [&l](const Envelope& area) {
                                 size_t n = 0;
                                 for (const auto& f : l.features()) n += f.env.intersects(area) ? 0 : 1;
                                 return n;
                             }});
    }
    const std::vector<load::Misplaced> bad = load::misplaced_layers(placement);
    if (bad.empty()) return;
    const load::CatalogSource& o = open[bad.front().layer];
    throw InputError(load::misplaced_message(bad.front(), o.src.label, layers[bad.front().layer].spec().id, o.crs->label()));
}

/// The bounding box of `e` (in `from`) in CRS `to`: the boundary densified (21 points a side), so
/// that a curved image of an edge stays inside.
Envelope transformed_box(const Envelope& e, const Crs& from, const Crs& to) {
    if (from.same_as(to)) return e;
    constexpr int kSteps = 20;
    std::vector<double> x, y;
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        const double px = e.minx + t * (e.maxx - e.minx), py = e.miny + t * (e.maxy - e.miny);
        x.insert(x.end(), {px, px, e.minx, e.maxx});
        y.insert(y.end(), {e.miny, e.maxy, py, py});
    }
    Transformer(from, to).transform(x, y);
    Envelope out;
    for (size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(x[i]) && std::isfinite(y[i])) out.expand(x[i], y[i]);
    }
    return out;
}

/// Pushes `box` (working CRS) to the server: GDAL's PostgreSQL driver turns the layer's spatial
/// filter into `geom && ST_MakeEnvelope(...)` (the GiST index).
void filter_database_layer(load::CatalogSource& o, const Envelope& box, const Crs& working) {
    if (box.empty()) {  // nothing to screen: read nothing
        o.src.layer->SetSpatialFilterRect(0, 0, 0, 0);
        o.src.layer->SetAttributeFilter("1 = 0");
        return;
    }
    // 1 m more than asked: the box's reprojection into the table's CRS is not exact.
    const Envelope b = transformed_box(box.grown(1.0), working, *o.crs);
    o.src.layer->SetSpatialFilterRect(b.minx, b.miny, b.maxx, b.maxy);
}

/// The whole table's extent on the server (in the working CRS), for the catalog's extent.
Envelope server_extent(load::CatalogSource& o, const Crs& working) {
    OGRGeometry* f = o.src.layer->GetSpatialFilter();
    std::unique_ptr<OGRGeometry> keep(f != nullptr ? f->clone() : nullptr);
    o.src.layer->SetSpatialFilter(nullptr);
    OGREnvelope e;
    const bool ok = o.src.layer->GetExtent(&e, TRUE) == OGRERR_NONE;
    o.src.layer->SetSpatialFilter(keep.get());
    if (!ok || !std::isfinite(e.MinX) || !std::isfinite(e.MaxX)) return {};
    return transformed_box(Envelope{e.MinX, e.MinY, e.MaxX, e.MaxY}, *o.crs, working);
}

}  // namespace

std::unique_ptr<LoadedCatalog> LoadedCatalog::load(const Catalog& catalog, const LoadOptions& opts) {
    if (opts.use_cache) {
        std::string why;
        if (auto lc = cache::Access::load_fresh(catalog, opts, why)) return lc;
        if (opts.on_cache_note) opts.on_cache_note(why + ": reading the sources");
    }
    return load_sources(catalog, opts);
}

std::unique_ptr<LoadedCatalog> LoadedCatalog::load_sources(const Catalog& catalog, const LoadOptions& opts) {
    std::unique_ptr<LoadedCatalog> lc(new LoadedCatalog());
    lc->ctx_ = std::make_unique<GeosContext>();
    lc->catalog_ = catalog;
    std::vector<load::CatalogSource> open;
    open.reserve(catalog.layers.size());
    for (const auto& s : catalog.layers) open.push_back(open_layer(catalog, s));
    lc->working_ = load::catalog_working_crs(catalog, open);

    auto warn = [&](const Warning& w) {
        if (opts.on_warning) opts.on_warning(w);
        lc->warnings_.push_back(w);
    };
    const std::optional<Envelope> filter = opts.database_filter ? opts.database_filter(lc->working_) : std::nullopt;
    bool filtered = false;
    lc->table_extent_.assign(open.size(), Envelope{});
    if (filter) {
        for (size_t i = 0; i < open.size(); ++i) {
            load::CatalogSource& o = open[i];
            if (!o.spec->is_database()) continue;
            filter_database_layer(o, *filter, lc->working_);
            lc->table_extent_[i] = server_extent(o, lc->working_);
            lc->full_extent_.expand(lc->table_extent_[i]);
            filtered = true;
        }
    }
    for (auto& o : open) {
        std::int64_t read = 0;
        lc->layers_.push_back(read_layer(o, lc->working_, *lc->ctx_, warn, read));
        lc->features_read_.push_back(read);
        if (opts.on_progress) opts.on_progress({"layers", lc->layers_.size(), open.size()});
    }
    // The layers that can give the coverage (coverage: true, admin) are filtered too: the
    // districts and townships that meet the box are all a footprint in it can meet, so its
    // coverage is the one of a whole read. But a filtered layer that has nothing in the box says
    // nothing about the coverage (is the table polygonal? it would be skipped and another layer, or
    // none, give the coverage: a site outside the district "allowed"): such a layer is read again,
    // whole, and the coverage is decided as on the files.
    for (size_t i = 0; i < open.size(); ++i) {
        load::CatalogSource& o = open[i];
        const bool gives_coverage = o.spec->coverage || o.spec->kind == LayerKind::admin;
        if (lc->table_extent_[i].empty() || !gives_coverage || !lc->layers_[i].features().empty()) continue;
        o.src.layer->SetAttributeFilter(o.spec->where.empty() ? nullptr : o.spec->where.c_str());  // the catalog's
        o.src.layer->SetSpatialFilter(nullptr);
        o.src.notes.clear();  // said on the first read
        std::int64_t read = 0;
        lc->layers_[i] = read_layer(o, lc->working_, *lc->ctx_, warn, read);
        lc->features_read_[i] += read;
        lc->table_extent_[i] = Envelope{};  // read whole: its features give the extent
    }
    if (!filtered) check_extents(lc->layers_, open);  // on the whole layers only (check runs it too)
    return lc;
}

LoadedCatalog::~LoadedCatalog() {
    layers_.clear();  // geometries first, then the context (member order does the same)
}

const ZoneLayer* LoadedCatalog::find(const std::string& id) const {
    for (const auto& l : layers_) {
        if (l.spec().id == id) return &l;
    }
    return nullptr;
}

const ZoneLayer* LoadedCatalog::coverage_layer() const {
    for (const auto& l : layers_) {
        if (!l.spec().coverage) continue;
        if (!l.polygonal()) {
            throw CatalogError(catalog_.path.string(), l.spec().line_of("coverage"),
                               "layer '" + l.spec().id + "': coverage: true needs a layer of polygons (" +
                                   (l.features().empty() ? "it has no features" : "it has lines or points") + ")");
        }
        return &l;
    }
    auto box_area = [](const Envelope& e) { return e.empty() ? 0.0 : (e.maxx - e.minx) * (e.maxy - e.miny); };
    auto extent_of = [&](size_t i) {
        return i < table_extent_.size() && !table_extent_[i].empty() ? table_extent_[i] : layers_[i].extent();
    };
    const ZoneLayer* best = nullptr;
    double best_area = 0;
    for (size_t i = 0; i < layers_.size(); ++i) {
        const ZoneLayer& l = layers_[i];
        if (l.spec().kind != LayerKind::admin || !l.polygonal()) continue;
        const double a = box_area(extent_of(i));
        if (best == nullptr || a > best_area) {
            best = &l;
            best_area = a;
        }
    }
    return best;
}

Envelope LoadedCatalog::extent() const {
    Envelope e = full_extent_;
    for (const auto& l : layers_) e.expand(l.extent());
    return e;
}

}  // namespace zoning
