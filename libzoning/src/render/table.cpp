// The table of conflict areas: rows as data, then drawn.
#include "render/table.hpp"

#include <zoning/area.hpp>

#include "render/cairo_util.hpp"
#include "report/summary.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace zoning {

double MapTableRow::hectares() const {
    return area_ellipsoidal_m2 / kM2PerHa;
}
double MapTableRow::mu() const {
    return area_ellipsoidal_m2 / kM2PerMu;
}

namespace render {

namespace {

/// A row being summed: `near_only` until something is measured in it.
struct RowSum {
    MapTableRow row;
    bool near_only = true;
    double distance_m = 1e300;
};

void add(RowSum& s, Verdict v, bool near_only, double area, double area_e, double length, double distance, int dim) {
    MapTableRow& row = s.row;
    row.verdict =
        row.area_m2 == 0 && row.length_m == 0 && row.points == 0 && s.near_only ? v : most_severe(row.verdict, v);
    if (!near_only) {
        if (s.near_only) row.verdict = v;
        s.near_only = false;
        row.area_m2 += area;
        row.area_ellipsoidal_m2 += area_e;
        row.length_m += length;
        if (dim == 0) ++row.points;
    } else if (s.near_only) {
        s.distance_m = std::min(s.distance_m, distance);
    }
}

/// The basis of a row decided by a rule (docs/rules.md); rows summed over footprints that got
/// different rules say so.
void add_basis(MapTableRow& row, bool first, const std::optional<AppliedRule>& rule) {
    const std::string basis = rule ? report::rule_words(*rule, Lang::zh) : std::string();
    if (first)
        row.basis = basis;
    else if (row.basis != basis)
        row.basis = "依据不一，见报告";
}

void count_footprint(MapTableRow& row, const std::string& id) {
    if (row.footprints.empty() || row.footprints.back() != id) row.footprints.push_back(id);
}

}  // namespace

MapTable table_data(const GeosContext& /*ctx*/, const LoadedCatalog& catalog, const ScreenReport& report,
                    const std::vector<size_t>& fps) {
    // Rows: per layer (per class for layers with classes) and per measure (area of areal
    // footprints, length of lines, count of points), summed over the page's footprints. A
    // layer that is only near gets a 邻近 row.
    struct Key {
        int layer;
        std::string cls;
        TableMeasure measure;
        auto operator<=>(const Key&) const = default;
    };
    std::map<Key, RowSum> rows;
    MapTable t;
    for (size_t i : fps) {
        const FootprintResult& fr = report.footprints[i];
        t.fp_area_m2 += fr.area_m2;
        t.fp_area_ellipsoidal_m2 += fr.area_ellipsoidal_m2;
        t.fp_length_m += fr.length_m;
        if (fr.dimension == 0) ++t.fp_points;
        const TableMeasure measure = fr.area_m2 > 0      ? TableMeasure::area
                                     : fr.dimension == 1 ? TableMeasure::length
                                                         : TableMeasure::points;
        for (const Conflict& c : fr.conflicts) {
            if (c.kind == LayerKind::admin) continue;
            const ZoneLayer* l = catalog.find(c.layer);
            const int layer_index = l != nullptr ? static_cast<int>(l - catalog.layers().data()) : 0;
            if (c.near_only) {
                RowSum& sum = rows[{layer_index, std::string(), TableMeasure::near}];
                sum.row.label = c.title;
                sum.row.layer = c.layer;
                add_basis(sum.row, sum.row.footprints.empty(), c.rule);
                count_footprint(sum.row, fr.id);
                add(sum, c.verdict, true, 0, 0, 0, c.distance_m, fr.dimension);
                continue;
            }
            // One row per class (the screen's class rows), or one for the layer: the same figures
            // as the screen report (the union of the pieces), summed over the page's footprints.
            // Lengths: of line pieces (a line footprint inside the zone, a zone line such as a
            // river inside an areal footprint), not of a corridor's centre line.
            auto add_row = [&](const std::string& cls, const std::string& title, Verdict v, double area, double area_e,
                               double length, const std::optional<AppliedRule>& rule) {
                RowSum& sum = rows[{layer_index, cls, measure}];
                MapTableRow& row = sum.row;
                row.label = c.title;
                row.layer = c.layer;
                row.cls = cls;
                if (!title.empty()) row.label += " " + title;
                add_basis(row, row.footprints.empty(), rule);
                count_footprint(row, fr.id);
                add(sum, v, false, area, area_e, area > 0 ? 0 : length, 0, fr.dimension);
            };
            if (c.classes.empty()) {
                add_row("", "", c.verdict, c.area_m2, c.area_ellipsoidal_m2, c.length_m, c.rule);
            } else {
                for (const ClassRow& k : c.classes)
                    add_row(k.cls, k.title, k.verdict, k.area_m2, k.area_ellipsoidal_m2, k.length_m, k.rule);
            }
        }
    }
    std::set<int> measured;
    for (const auto& [k, sum] : rows) {
        if (k.measure != TableMeasure::near) measured.insert(k.layer);
    }
    for (auto& [k, sum] : rows) {
        if (k.measure == TableMeasure::near && measured.count(k.layer)) continue;
        sum.row.measure = k.measure;
        if (k.measure == TableMeasure::near) sum.row.distance_m = sum.distance_m;
        t.rows.push_back(std::move(sum.row));
    }
    // What was not screened, one row, first (unknown sorts first): the parts outside the
    // catalog's coverage and the footprints whose screening stopped at --footprint-timeout.
    MapTableRow unscreened;
    unscreened.label = "超出目录范围，未审查";
    unscreened.verdict = Verdict::unknown;
    bool stopped = false;
    for (size_t i : fps) {
        const FootprintResult& fr = report.footprints[i];
        const bool out = fr.coverage == Coverage::partial || fr.coverage == Coverage::none;
        if (!out && fr.not_screened.empty()) continue;
        stopped = stopped || !fr.not_screened.empty();
        count_footprint(unscreened, fr.id);
        if (!fr.not_screened.empty()) {
            // Not measured: counted.
            ++unscreened.points;
        } else if (fr.area_m2 > 0) {
            unscreened.area_m2 += fr.outside_catalog_m2;
            unscreened.area_ellipsoidal_m2 += fr.outside_catalog_ellipsoidal_m2;  // the 公顷/亩 columns
        } else if (fr.dimension == 1) {
            unscreened.length_m += fr.outside_catalog_m;
        } else {
            ++unscreened.points;
        }
    }
    if (!unscreened.footprints.empty()) {
        if (stopped) unscreened.label = "未审查(超出目录范围或超时)";
        unscreened.measure = unscreened.area_m2 > 0 ? TableMeasure::area
                             : unscreened.length_m > 0 ? TableMeasure::length
                                                       : TableMeasure::points;
        t.rows.push_back(std::move(unscreened));
    }
    std::stable_sort(t.rows.begin(), t.rows.end(),
                     [](const MapTableRow& a, const MapTableRow& b) { return a.verdict > b.verdict; });
    t.heading = t.fp_area_m2 > 0 ? "冲突面积统计" : t.fp_length_m > 0 ? "冲突长度统计" : "冲突统计";
    return t;
}

double table_height(const MapTable& t) {
    return 7 + kTableRow * (static_cast<double>(std::max<size_t>(t.rows.size(), 1)) + 2) + 4.5;
}

void fit_table(MapTable& t, const PageRect& r) {
    // Room for the rows below the title and the header, less the total row and the note; when
    // some rows do not fit (the least severe: the list is sorted), one line says how many are
    // left out.
    const double y = r.y + 7 + kTableRow;
    int max_rows = std::max(0, static_cast<int>((r.y + r.h - y - kTableRow - 4.5) / kTableRow));
    if (static_cast<int>(t.rows.size()) > max_rows) max_rows = std::max(0, max_rows - 1);
    t.shown = std::min(t.rows.size(), static_cast<size_t>(max_rows));
}

void draw_table(Page& p, const PageRect& r, const MapTable& t) {
    // 公顷 and 亩 from the ellipsoidal areas (docs/areas.md).
    const double fp_area = t.fp_area_ellipsoidal_m2, fp_length = t.fp_length_m;
    const int fp_points = t.fp_points;
    cairo_t* cr = p.cr();
    p.font(3.2, true);
    p.text(r.x, r.y + 4, t.heading);
    const double c1 = r.w * 0.54, c2 = r.w * 0.16, c3 = r.w * 0.18;
    const double xs[4] = {r.x, r.x + c1, r.x + c1 + c2, r.x + c1 + c2 + c3};
    const double row_h = kTableRow;
    double y = r.y + 7;
    auto hline = [&](double yy, double w) {
        cairo_move_to(cr, r.x, yy);
        cairo_line_to(cr, r.x + r.w, yy);
        set_color(cr, kBlack);
        cairo_set_line_width(cr, w);
        cairo_set_dash(cr, nullptr, 0, 0);
        cairo_stroke(cr);
    };
    hline(y, 0.35);
    p.font(2.5, true);
    p.text(xs[0] + 1, y + 3.1, "管控要素");
    // Lines and points only: no area column, the lengths and counts under one heading.
    const bool areal = fp_area > 0;
    if (areal) {
        p.text(xs[2] - 1, y + 3.1, "公顷(椭球)", kBlack, 1);
        p.text(xs[3] - 1, y + 3.1, "亩(椭球)", kBlack, 1);
    } else {
        p.text(xs[3] - 1, y + 3.1, "长度/数量", kBlack, 1);
    }
    p.text(r.x + r.w - 1, y + 3.1, "结论", kBlack, 1);
    y += row_h;
    hline(y, 0.2);
    p.font(2.5);
    for (size_t i = 0; i < t.rows.size(); ++i) {
        if (i == t.shown) {
            p.text(xs[0] + 1, y + 3.1, "… 另有 " + std::to_string(t.left_out()) + " 项,见报告", kGrey);
            y += row_h;
            break;
        }
        const MapTableRow& row = t.rows[i];
        const std::string label = row.basis.empty() ? row.label : row.label + "（" + row.basis + "）";
        p.fit_font(label, c1 - 2, 2.5, 1.9);
        p.text(xs[0] + 1, y + 3.1, p.fit(label, c1 - 2));
        p.font(2.5);
        if (row.measure == TableMeasure::near) {
            p.text(xs[3] - 1, y + 3.1, "邻近 " + grouped(row.distance_m, 1) + " 米", kBlack, 1);
        } else if (row.area_m2 > 0) {
            p.text(xs[2] - 1, y + 3.1, grouped(row.hectares(), 4), kBlack, 1);
            p.text(xs[3] - 1, y + 3.1, grouped(row.mu(), 2), kBlack, 1);
        } else if (row.length_m > 0) {
            p.text(xs[3] - 1, y + 3.1, (areal ? "长 " : "") + grouped(row.length_m, 1) + " 米", kBlack, 1);
        } else {
            p.text(xs[3] - 1, y + 3.1, std::to_string(row.points) + " 处", kBlack, 1);
        }
        p.font(2.5, true);
        p.text(r.x + r.w - 1, y + 3.1, std::string(to_chinese(row.verdict)), verdict_color(row.verdict), 1);
        p.font(2.5);
        y += row_h;
    }
    if (t.rows.empty()) {
        p.text(xs[0] + 1, y + 3.1, "未涉及管控要素", verdict_color(Verdict::allowed));
        y += row_h;
    }
    hline(y, 0.2);
    p.font(2.5, true);
    if (fp_area > 0) {
        p.text(xs[0] + 1, y + 3.1, "项目用地合计");
        p.text(xs[2] - 1, y + 3.1, grouped(fp_area / kM2PerHa, 4), kBlack, 1);
        p.text(xs[3] - 1, y + 3.1, grouped(fp_area / kM2PerMu, 2), kBlack, 1);
    } else if (fp_length > 0) {
        p.text(xs[0] + 1, y + 3.1, "项目线路合计");
        p.text(xs[3] - 1, y + 3.1, grouped(fp_length, 1) + " 米", kBlack, 1);
    } else {
        p.text(xs[0] + 1, y + 3.1, "项目点位");
        p.text(xs[3] - 1, y + 3.1, std::to_string(fp_points) + " 处", kBlack, 1);
    }
    y += row_h;
    hline(y, 0.35);
    p.font(2.1);
    p.text(r.x, std::min(y + 3.5, r.y + r.h),
           areal ? "面积为椭球面积(平面面积见报告); 1 公顷 = 15 亩" : "长度为工作坐标系平面长度", kGrey);
}

}  // namespace render
}  // namespace zoning
