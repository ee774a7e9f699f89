#include "check/raw_layer.hpp"

#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include "io/feature_reader.hpp"
#include "io/ogr_source.hpp"
#include "load/catalog_source.hpp"

#include <cpl_error.h>

#include <cstdio>
#include <functional>
#include <map>
#include <optional>

namespace zoning::check {

namespace {

/// Decodes UTF-8 (already known valid) into code points.
std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string fmt(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

using AddFinding = std::function<Finding&(std::optional<std::int64_t>, std::string, Severity, std::string)>;

/// `zoning check`'s policy for a bad feature: a finding for each, naming GEOS's reason and
/// location for an invalid one; the feature is then treated as the loader treats it.
class RecordFindings final : public io::BadFeaturePolicy {
public:
    explicit RecordFindings(const AddFinding& add) : add_(&add) {}
    [[nodiscard]] bool wants_location() const override { return true; }
    void on_defect(io::FeatureDefect& d) override {
        const std::int64_t fid = d.feature->GetFID();
        const std::string& where = *d.where;
        const AddFinding& add = *add_;
        switch (d.kind) {
            case io::Defect::no_geometry:
                add(fid, "empty_geometry", Severity::error, where + ": empty or null geometry (the loader skips it)");
                return;
            case io::Defect::bad_coordinates:
                add(fid, "invalid_coordinates", Severity::error, where + ": " + d.reason);
                return;
            case io::Defect::invalid: {
                Geom& loc = d.location;
                const GEOSContextHandle_t h = loc.get_deleter().ctx;
                double x = 0, y = 0;
                const bool has_loc = loc && GEOSisEmpty_r(h, loc.get()) == 0 && GEOSGeomGetX_r(h, loc.get(), &x) == 1 &&
                                     GEOSGeomGetY_r(h, loc.get(), &y) == 1;
                Finding& fi = add(fid, "invalid_geometry", Severity::error,
                                  where + ": " + d.reason + (has_loc ? " at " + fmt(x) + " " + fmt(y) : std::string()) +
                                      " (the loader repairs it with MakeValid)");
                if (has_loc) {
                    fi.x = x;
                    fi.y = y;
                    fi.geom = std::move(loc);
                }
                ++repaired;
                return;
            }
            case io::Defect::empty_after_repair:
                add(fid, "empty_geometry", Severity::error, where + ": geometry is empty after MakeValid (the loader skips it)");
                return;
        }
    }
    int repaired = 0;

private:
    const AddFinding* add_;
};

}  // namespace

std::string safe_text(std::string_view s) {
    const TextEncoding e = detect_text_encoding(s);
    if (e == TextEncoding::ascii || e == TextEncoding::utf8) return std::string(s);
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out += ch;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string encoding_problem(std::string_view v) {
    switch (detect_text_encoding(v)) {
        case TextEncoding::ascii: return {};
        case TextEncoding::gbk: return "bytes are not UTF-8 but valid GBK (a GBK file read as UTF-8: wrong .cpg?)";
        case TextEncoding::unknown: return "bytes are not valid UTF-8";
        case TextEncoding::utf8: break;
    }
    if (v.find("\xEF\xBF\xBD") != std::string_view::npos) {
        return "contains U+FFFD (a character lost when the text was decoded)";
    }
    // Mojibake: Chinese bytes decoded as Latin-1 leave only code points up to U+00FF, several
    // of them high, whose bytes are valid UTF-8 or GBK.
    const std::vector<char32_t> cps = code_points(v);
    std::string bytes;
    int high = 0;
    for (char32_t cp : cps) {
        if (cp > 0xFF) return {};
        if (cp >= 0x80) ++high;
        bytes += static_cast<char>(static_cast<unsigned char>(cp));
    }
    if (high < 2) return {};
    switch (detect_text_encoding(bytes)) {
        case TextEncoding::utf8: return "looks like UTF-8 text decoded as Latin-1 (mojibake)";
        case TextEncoding::gbk: return "looks like GBK text decoded as Latin-1 (mojibake)";
        default: return {};
    }
}

Crs working_crs(const Catalog& catalog) {
    std::vector<load::CatalogSource> sources;
    if (!catalog.crs) {
        for (const auto& s : catalog.layers) sources.push_back(load::open_catalog_source(catalog, s));
    }
    return load::catalog_working_crs(catalog, sources);
}

RawLayer read_raw_layer(const Catalog& catalog, const LayerSpec& s, const Crs& working, const GeosContext& ctx,
                        std::vector<Finding>& findings) {
    load::CatalogSource o = load::open_catalog_source(catalog, s);
    RawLayer rl;
    rl.spec = &s;
    rl.label = o.src.label;
    const AddFinding add = [&](std::optional<std::int64_t> fid, std::string type, Severity sev,
                               std::string detail) -> Finding& {
        Finding f;
        f.layer = s.id;
        f.fid = fid;
        f.type = std::move(type);
        f.severity = sev;
        f.detail = std::move(detail);
        f.geom = Geom(nullptr, GeomDeleter{ctx.handle()});
        findings.push_back(std::move(f));
        return findings.back();
    };
    for (const auto& note : o.src.notes) {
        if (note.find("its .dbf is missing") != std::string::npos) {
            add(std::nullopt, "missing_dbf", Severity::warning, note);
            continue;
        }
        const bool guessed_badly = note.find("ISO-8859-1") != std::string::npos;
        add(std::nullopt, "encoding_guessed", guessed_badly ? Severity::error : Severity::info, note);
    }

    if (!o.found) {
        std::string no_crs = io::no_crs_reason(o.src);
        if (no_crs.empty()) no_crs = "no .prj?";
        if (s.crs) {
            add(std::nullopt, "missing_crs", Severity::warning,
                o.src.label + " has no CRS (" + no_crs + "); the catalog's crs: " + *s.crs + " is assumed");
        } else {
            add(std::nullopt, "missing_crs", Severity::error,
                o.src.label + " has no CRS (" + no_crs + ") and the catalog gives none: its geometry cannot be "
                "placed or checked; add crs: to the layer, e.g. crs: EPSG:4547");
            rl.placed = false;
        }
    }
    RecordFindings policy(add);
    std::optional<io::FeatureReader> reader;  // none when the layer cannot be placed
    if (o.crs) {
        reader.emplace(ctx, *o.crs, working, policy);
        rl.crs = o.crs->label();
    }

    // Encoding problems are summarised per field and problem: count, first feature, example.
    struct EncodingIssue {
        std::string field, problem, example;
        std::int64_t first_fid = 0;
        int count = 0;
    };
    std::map<std::pair<int, std::string>, EncodingIssue> encoding;

    OGRFeatureDefn* defn = o.src.layer->GetLayerDefn();
    // A source GDAL cannot read to the end (an error raised, fewer features than it declares,
    // geometries mostly unreadable) is an error finding: the loader refuses it (exit 2).
    try {
        io::for_each_feature(*o.src.layer, o.src.label, [&](OGRFeature& f) {
            const std::int64_t fid = f.GetFID();
            for (int i = 0; i < defn->GetFieldCount(); ++i) {
                if (defn->GetFieldDefn(i)->GetType() != OFTString || !f.IsFieldSetAndNotNull(i)) continue;
                const std::string v = f.GetFieldAsString(i);
                std::string problem = encoding_problem(v);
                if (problem.empty()) continue;
                auto& issue = encoding[{i, problem}];
                if (issue.count++ == 0) {
                    issue.field = defn->GetFieldDefn(i)->GetNameRef();
                    issue.problem = std::move(problem);
                    issue.example = safe_text(v);
                    issue.first_fid = fid;
                }
            }
            if (!reader) return;
            const std::string where = o.src.label + " fid " + std::to_string(fid);
            std::optional<io::FeatureGeometry> g = reader->read(f, where);
            if (!g) return;
            RawFeature rf;
            rf.fid = fid;
            rf.name = safe_text(io::field_text(f, o.name_idx));
            rf.code = safe_text(io::field_text(f, o.code_idx));
            rf.cls = safe_text(io::field_text(f, o.class_idx));
            rf.dimension = g->dimension;
            rf.env = g->env;
            rf.geom = std::move(g->geom);
            rl.features.push_back(std::move(rf));
        });
    } catch (const InputError& e) {
        add(std::nullopt, "unreadable_source", Severity::error,
            std::string(e.what()) + " (the loader refuses this layer)");
    }
    rl.repaired = policy.repaired;
    for (auto& [key, issue] : encoding) {
        add(issue.first_fid, "attribute_encoding",
            issue.problem.find("mojibake") != std::string::npos ? Severity::warning : Severity::error,
            o.src.label + " field " + issue.field + ": " + std::to_string(issue.count) + " value(s): " + issue.problem +
                "; first at fid " + std::to_string(issue.first_fid) + ": \"" + issue.example + "\"");
    }
    if (rl.repaired > 0) {
        add(std::nullopt, "repaired", Severity::info,
            o.src.label + ": " + std::to_string(rl.repaired) + " invalid feature(s) repaired with MakeValid when loaded");
    }
    return rl;
}

}  // namespace zoning::check
