// zoning check: layer soundness, partitions, features outside the district, duplicate codes and
// the three control lines.
#include <zoning/area.hpp>
#include <zoning/check.hpp>
#include <zoning/error.hpp>

#include "check/raw_layer.hpp"
#include "geom/rtree.hpp"
#include "load/layer_extents.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace zoning {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

size_t CheckReport::count(Severity s) const {
    return static_cast<size_t>(std::count_if(findings.begin(), findings.end(), [s](const Finding& f) { return f.severity == s; }));
}

size_t CheckReport::errors() const { return count(Severity::error) + conflicts.size(); }

namespace {

using check::RawFeature;
using check::RawLayer;

geom::BoxTree index_of(const RawLayer& l) {
    std::vector<Envelope> boxes;
    boxes.reserve(l.features.size());
    for (const auto& f : l.features) boxes.push_back(f.env);
    return geom::BoxTree(boxes);
}

std::string fmt(double v, int decimals = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string label(const RawFeature& f) {
    std::string s = "fid " + std::to_string(f.fid);
    if (!f.name.empty()) s += " " + f.name;
    if (!f.code.empty() && f.code != f.name) s += " [" + f.code + "]";
    return s;
}

/// A line part shorter than this is a touch (design.md), e.g. a river ending on the boundary.
constexpr double kTouchLengthM = 1e-6;

class Checker {
public:
    Checker(const Catalog& c, const CheckOptions& o, CheckReport& r, const Crs& working)
        : cat_(c), opts_(o), r_(r), ctx_(*r.context), meter_(working) {}

    void run() {
        for (const auto& s : cat_.layers) layers_.push_back(check::read_raw_layer(cat_, s, meter_.crs(), ctx_, r_.findings));
        find_district();
        const std::vector<bool> misplaced = extents();
        for (size_t i = 0; i < layers_.size(); ++i) {
            const RawLayer& l = layers_[i];
            if (!l.placed) continue;
            duplicates(l);
            if (polygonal(l)) self_overlaps(l);
            if (is_partition(l.spec->kind) && polygonal(l)) gaps(l);
            if (district_ && &l != total_ && !misplaced[i]) outside(l);
        }
        control_lines();
    }

private:
    Finding& add(const std::string& layer, std::optional<std::int64_t> fid, std::string type, Severity sev,
                 std::string detail) {
        Finding f;
        f.layer = layer;
        f.fid = fid;
        f.type = std::move(type);
        f.severity = sev;
        f.detail = std::move(detail);
        f.geom = Geom(nullptr, GeomDeleter{ctx_.handle()});
        r_.findings.push_back(std::move(f));
        return r_.findings.back();
    }

    /// Sets area, location (a point on the piece's surface) and geometry of a finding.
    void place(Finding& f, Geom piece, double area) {
        f.area_m2 = area;
        Geom p = ctx_.own(GEOSPointOnSurface_r(ctx_, piece.get()), "point on surface");
        double x = 0, y = 0;
        if (GEOSGeomGetX_r(ctx_, p.get(), &x) == 1 && GEOSGeomGetY_r(ctx_, p.get(), &y) == 1) {
            f.x = x;
            f.y = y;
        }
        f.geom = std::move(piece);
    }

    static bool polygonal(const RawLayer& l) {
        return std::all_of(l.features.begin(), l.features.end(), [](const RawFeature& f) { return f.dimension == 2; }) &&
               !l.features.empty();
    }

    Geom polygons_of(Geom g) const { return ctx_.polygonal_part(g.get()); }

    double area(const GEOSGeometry* g) const { return meter_.planar(ctx_, g); }

    /// Each polygon of a (multi)polygon as its own geometry.
    std::vector<Geom> parts(const GEOSGeometry* g) const {
        std::vector<Geom> out;
        const int n = GEOSGetNumGeometries_r(ctx_, g);
        for (int i = 0; i < n; ++i) {
            const GEOSGeometry* p = GEOSGetGeometryN_r(ctx_, g, i);
            if (GEOSisEmpty_r(ctx_, p) == 0) out.push_back(ctx_.clone(p));
        }
        return out;
    }

    Geom union_of(const RawLayer& l) const {
        std::vector<const GEOSGeometry*> raw;
        raw.reserve(l.features.size());
        for (const auto& f : l.features) raw.push_back(f.geom.get());
        return ctx_.union_all(raw);
    }

    void find_district() {
        for (const auto& l : layers_) {
            if (opts_.total.empty() ? l.spec->kind == LayerKind::admin : l.spec->id == opts_.total) {
                total_ = &l;
                break;
            }
        }
        if (!opts_.total.empty() && total_ == nullptr) {
            throw InputError("--total: the catalog " + cat_.path.string() + " has no layer '" + opts_.total + "'");
        }
        if (total_ == nullptr) {
            add("", std::nullopt, "no_district", Severity::info,
                "no layer of kind admin: features outside the district and partition gaps against it are not checked");
            return;
        }
        if (!total_->placed || !polygonal(*total_)) return;
        district_ = union_of(*total_);
        district_prep_ = ctx_.prepare(district_.get());
    }

    /// The loader's layer-extent rule (load/layer_extents.hpp): a layer that mostly lies outside
    /// the district after reprojection is an error finding (the loader refuses it), with its
    /// extent as the geometry. Its features are then not listed one by one as outside_district.
    std::vector<bool> extents() {
        std::vector<bool> misplaced(layers_.size(), false);
        std::vector<load::LayerPlacement> placement;
        std::vector<size_t> index;  // placement -> layers_
        for (size_t i = 0; i < layers_.size(); ++i) {
            const RawLayer& l = layers_[i];
            if (!l.placed) continue;
            Envelope extent;
            for (const auto& f : l.features) extent.expand(f.env);
            placement.push_back({l.spec->kind, l.features.size(), extent, [&l](const Envelope& area) {
                                     size_t n = 0;
                                     for (const auto& f : l.features) n += f.env.intersects(area) ? 0 : 1;
                                     return n;
                                 }});
            index.push_back(i);
        }
        for (const load::Misplaced& m : load::misplaced_layers(placement)) {
            const RawLayer& l = layers_[index[m.layer]];
            misplaced[index[m.layer]] = true;
            Finding& f = add(l.spec->id, std::nullopt, "misplaced_layer", Severity::error,
                             load::misplaced_message(m, l.label, l.spec->id, l.crs) +
                                 " Screening refuses this catalog (exit 2) until it is fixed.");
            f.x = (m.extent.minx + m.extent.maxx) / 2;
            f.y = (m.extent.miny + m.extent.maxy) / 2;
            f.geom = box(m.extent);
        }
        return misplaced;
    }

    Geom box(const Envelope& e) const {
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_, 5, 2);
        if (seq == nullptr) throw InternalError("GEOS: cannot create a coordinate sequence");
        const double xs[5] = {e.minx, e.maxx, e.maxx, e.minx, e.minx}, ys[5] = {e.miny, e.miny, e.maxy, e.maxy, e.miny};
        for (unsigned k = 0; k < 5; ++k) {
            GEOSCoordSeq_setX_r(ctx_, seq, k, xs[k]);
            GEOSCoordSeq_setY_r(ctx_, seq, k, ys[k]);
        }
        GEOSGeometry* ring = GEOSGeom_createLinearRing_r(ctx_, seq);
        if (ring == nullptr) throw InternalError("GEOS: cannot create a ring: " + ctx_.last_error());
        return ctx_.own(GEOSGeom_createPolygon_r(ctx_, ring, nullptr, 0), "polygon");
    }

    void duplicates(const RawLayer& l) {
        std::map<std::int64_t, int> fids;
        for (const auto& f : l.features) {
            if (++fids[f.fid] == 2) add(l.spec->id, f.fid, "duplicate_fid", Severity::error, l.label + ": feature id " + std::to_string(f.fid) + " occurs more than once");
        }
        if (l.spec->code_field.empty()) return;
        // A code may repeat across classes (a water source's 一级/二级/准 zones share its code).
        std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> codes;
        for (const auto& f : l.features) {
            if (!f.code.empty()) codes[{f.code, f.cls}].push_back(f.fid);
        }
        for (const auto& [key, ids] : codes) {
            if (ids.size() < 2) continue;
            std::string list;
            for (auto id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
            add(l.spec->id, ids.front(), "duplicate_code", Severity::warning,
                l.label + ": " + l.spec->code_field + " '" + key.first + "'" +
                    (key.second.empty() ? std::string() : " (" + l.spec->class_field + " " + key.second + ")") +
                    " is used by " + std::to_string(ids.size()) + " features: fid " + list);
        }
    }

    void self_overlaps(const RawLayer& l) {
        const geom::BoxTree tree = index_of(l);
        const bool partition = is_partition(l.spec->kind);
        for (size_t i = 0; i < l.features.size(); ++i) {
            const RawFeature& a = l.features[i];
            Prepared pa;
            for (size_t j : tree.query(a.env)) {
                if (j <= i) continue;
                const RawFeature& b = l.features[j];
                if (!pa) pa = ctx_.prepare(a.geom.get());
                if (GEOSPreparedIntersects_r(ctx_, pa.get(), b.geom.get()) != 1) continue;
                Geom piece = polygons_of(ctx_.own(GEOSIntersection_r(ctx_, a.geom.get(), b.geom.get()), "intersection"));
                const double ar = area(piece.get());
                if (ar < opts_.min_area_m2) continue;
                Finding& f = add(l.spec->id, a.fid, partition ? "partition_overlap" : "overlap",
                                 partition ? Severity::error : Severity::warning,
                                 l.label + ": " + label(a) + " overlaps " + label(b) + " by " + fmt(ar, 2) + " m²" +
                                     (partition ? " (a partition's features must not overlap)" : " (digitised twice; unions count it once)"));
                place(f, std::move(piece), ar);
            }
        }
    }

    void gaps(const RawLayer& l) {
        Geom u = union_of(l);
        Geom missing(nullptr, GeomDeleter{ctx_.handle()});
        std::string against;
        if (district_ && &l != total_) {
            missing = polygons_of(ctx_.own(GEOSDifference_r(ctx_, district_.get(), u.get()), "difference"));
            against = "the district (" + total_->spec->id + ")";
        } else if (&l != total_) {
            // No district to compare with: holes in the layer's own union are the gaps.
            std::vector<Geom> holes;
            for (auto& p : parts(u.get())) {
                const int n = GEOSGetNumInteriorRings_r(ctx_, p.get());
                for (int k = 0; k < n; ++k) {
                    Geom ring = ctx_.clone(GEOSGetInteriorRingN_r(ctx_, p.get(), k));
                    holes.push_back(ctx_.own(GEOSGeom_createPolygon_r(ctx_, ring.release(), nullptr, 0), "polygon"));
                }
            }
            missing = ctx_.collect(std::move(holes));
            against = "the layer's own outline (no district layer)";
        } else {
            return;  // the district defines itself: its holes are enclaves, not gaps
        }
        for (auto& p : parts(missing.get())) {
            const double ar = area(p.get());
            if (ar < opts_.min_area_m2) continue;
            Finding& f = add(l.spec->id, std::nullopt, "partition_gap", Severity::error, "");
            place(f, std::move(p), ar);
            f.detail = l.label + ": a gap of " + fmt(ar, 2) + " m² at " + fmt(*f.x) + " " + fmt(*f.y) +
                       " covered by no feature: the layer does not partition " + against;
        }
    }

    void outside(const RawLayer& l) {
        for (const auto& f : l.features) {
            if (GEOSPreparedCovers_r(ctx_, district_prep_.get(), f.geom.get()) == 1) continue;
            Geom out = ctx_.own(GEOSDifference_r(ctx_, f.geom.get(), district_.get()), "difference");
            if (f.dimension == 2) {
                out = polygons_of(std::move(out));
                const double ar = area(out.get());
                if (ar < opts_.min_area_m2) continue;
                Finding& fi = add(l.spec->id, f.fid, "outside_district", Severity::warning,
                                  l.label + ": " + label(f) + " lies " + fmt(ar, 2) + " m² outside the district (" +
                                      total_->spec->id + ")");
                place(fi, std::move(out), ar);
            } else {
                out = f.dimension == 1 ? ctx_.lineal_part(out.get()) : std::move(out);
                if (GEOSisEmpty_r(ctx_, out.get()) != 0) continue;
                const double len = meter_.length(ctx_, out.get());
                if (f.dimension == 1 && len < kTouchLengthM) continue;  // an end on the boundary
                Finding& fi = add(l.spec->id, f.fid, "outside_district", Severity::warning,
                                  l.label + ": " + label(f) + " lies outside the district (" + total_->spec->id + ")" +
                                      (f.dimension == 1 ? " for " + fmt(len, 2) + " m" : std::string()));
                place(fi, std::move(out), 0);
                fi.area_m2.reset();
            }
        }
    }

    void control_lines() {
        std::vector<const RawLayer*> cl;
        for (const auto& l : layers_) {
            if (l.placed && is_control_line(l.spec->kind) && polygonal(l)) cl.push_back(&l);
        }
        // Kind order: red line, farmland, urban boundary; catalog order within a kind.
        std::stable_sort(cl.begin(), cl.end(), [](const RawLayer* a, const RawLayer* b) { return a->spec->kind < b->spec->kind; });
        for (size_t i = 0; i < cl.size(); ++i) {
            for (size_t j = i + 1; j < cl.size(); ++j) {
                if (cl[i]->spec->kind != cl[j]->spec->kind) conflicts(*cl[i], *cl[j]);
            }
        }
    }

    void conflicts(const RawLayer& a, const RawLayer& b) {
        const geom::BoxTree tree = index_of(b);
        for (const auto& fa : a.features) {
            Prepared pa;
            for (size_t j : tree.query(fa.env)) {
                const RawFeature& fb = b.features[j];
                if (!pa) pa = ctx_.prepare(fa.geom.get());
                if (GEOSPreparedIntersects_r(ctx_, pa.get(), fb.geom.get()) != 1) continue;
                Geom piece = polygons_of(ctx_.own(GEOSIntersection_r(ctx_, fa.geom.get(), fb.geom.get()), "intersection"));
                const double ar = area(piece.get());
                if (ar < opts_.min_area_m2) continue;
                ControlLineConflict c;
                c.a = a.spec->id;
                c.b = b.spec->id;
                c.a_fid = fa.fid;
                c.b_fid = fb.fid;
                c.a_name = fa.name.empty() ? fa.code : fa.name;
                c.b_name = fb.name.empty() ? fb.code : fb.name;
                c.area_m2 = ar;
                c.area_ellipsoidal_m2 = meter_.ellipsoidal(ctx_, piece.get());
                Geom centroid = ctx_.own(GEOSGetCentroid_r(ctx_, piece.get()), "centroid");
                GEOSGeomGetX_r(ctx_, centroid.get(), &c.x);
                GEOSGeomGetY_r(ctx_, centroid.get(), &c.y);
                c.piece = std::move(piece);
                r_.conflicts.push_back(std::move(c));
            }
        }
    }

    const Catalog& cat_;
    const CheckOptions& opts_;
    CheckReport& r_;
    const GeosContext& ctx_;
    AreaMeter meter_;
    std::vector<RawLayer> layers_;
    const RawLayer* total_ = nullptr;
    Geom district_{nullptr, GeomDeleter{}};
    Prepared district_prep_{nullptr, PreparedDeleter{}};
};

}  // namespace

CheckReport run_check(const Catalog& catalog, const CheckOptions& opts) {
    CheckReport r;
    r.context = std::make_shared<GeosContext>();
    r.catalog = catalog.name;
    const Crs working = check::working_crs(catalog);
    r.crs = working.label();
    r.crs_wkt = working.wkt;
    {
        Checker c(catalog, opts, r, working);
        c.run();
    }
    return r;
}

}  // namespace zoning
