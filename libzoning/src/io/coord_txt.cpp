// The 国土资源部 coordinate exchange TXT (界址点坐标文件): reading and writing.
//   [属性描述]  key=value lines (坐标系, 几度分带, 带号, ...)
//   [地块坐标]  plot lines  界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编号,@
//              (12-field variants carry three more fields before the @)
//              point lines 点号,圈号,X(northing),Y(easting)
#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include "io/txt_rings.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

namespace zoning {

namespace {

std::string_view trim(std::string_view s) {
    auto ws = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
    while (!s.empty() && ws(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && ws(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    // Full-width spaces (U+3000) at either end.
    constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";
    while (s.substr(0, 3) == kIdeoSpace) s.remove_prefix(3);
    while (s.size() >= 3 && s.substr(s.size() - 3) == kIdeoSpace) s.remove_suffix(3);
    return s;
}

/// Splits on ',' and the full-width '，', trimming each field.
std::vector<std::string> split_fields(std::string_view line) {
    std::vector<std::string> out;
    constexpr std::string_view kWideComma = "\xEF\xBC\x8C";
    size_t start = 0;
    size_t i = 0;
    while (true) {
        if (i == line.size()) {
            out.emplace_back(trim(line.substr(start)));
            break;
        }
        const size_t sep = line[i] == ',' ? 1 : line.substr(i, 3) == kWideComma ? 3 : 0;
        if (sep == 0) {
            ++i;
            continue;
        }
        out.emplace_back(trim(line.substr(start, i - start)));
        i += sep;
        start = i;
    }
    return out;
}

std::optional<double> parse_number(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::fixed | std::chars_format::scientific);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<int> parse_int(std::string_view s) {
    s = trim(s);
    int v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}


class Parser {
public:
    Parser(std::string text, std::string file) : text_(std::move(text)), file_(std::move(file)) {}

    CoordTxt run() {
        CoordTxt out;
        std::string_view all(text_);
        if (all.substr(0, 3) == "\xEF\xBB\xBF") all.remove_prefix(3);
        out.crlf = all.find("\r\n") != std::string_view::npos;
        enum class Section { none, header, coords, other } section = Section::none;
        int line_no = 0;
        size_t pos = 0;
        while (pos <= all.size()) {
            size_t nl = all.find('\n', pos);
            if (nl == std::string_view::npos) nl = all.size();
            std::string_view raw = all.substr(pos, nl - pos);
            pos = nl + 1;
            ++line_no;
            const std::string_view line = trim(raw);
            if (line.empty()) {
                if (nl == all.size()) break;
                continue;
            }
            if (line.front() == '[' || line.substr(0, 3) == "\xE3\x80\x90") {  // [ or 【
                if (line.find("属性描述") != std::string_view::npos) section = Section::header;
                else if (line.find("地块坐标") != std::string_view::npos) section = Section::coords;
                else fail(line_no, "unknown section " + std::string(line) + " (expected [属性描述] or [地块坐标])");
                if (nl == all.size()) break;
                continue;
            }
            switch (section) {
                case Section::none:
                case Section::other:
                    fail(line_no, "expected [属性描述] or [地块坐标] before '" + std::string(line.substr(0, 40)) + "'");
                    break;
                case Section::header: {
                    const size_t eq = line.find('=');
                    if (eq == std::string_view::npos) fail(line_no, "header line without '=': '" + std::string(line) + "'");
                    out.header.emplace_back(std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 1))));
                    break;
                }
                case Section::coords: coord_line(out, line, line_no); break;
            }
            if (nl == all.size()) break;
        }
        finish_plot(out);
        if (out.plots.empty()) fail(line_no, "no plot: the [地块坐标] section is missing or empty");
        return out;
    }

private:
    [[noreturn]] void fail(int line, const std::string& reason) const {
        throw InputError(file_ + ":" + std::to_string(line) + ": " + reason);
    }

    void coord_line(CoordTxt& out, std::string_view line, int line_no) {
        std::vector<std::string> f = split_fields(line);
        // A plot line ends with '@' (9 or 12 fields); tolerate a missing '@' with 8 or 11.
        const bool at = !f.empty() && f.back() == "@";
        if (at || f.size() == 8 || f.size() == 11) {
            if (at) f.pop_back();
            if (f.size() != 8 && f.size() != 11) {
                fail(line_no, "plot line has " + std::to_string(f.size() + (at ? 1 : 0)) +
                                  " fields: expected 9 or 12 (界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编号,@)");
            }
            finish_plot(out);
            TxtPlot p;
            p.line = line_no;
            const auto n = parse_int(f[0]);
            if (!n || *n < 1) fail(line_no, "界址点数 '" + f[0] + "' is not a positive whole number");
            p.point_count = *n;
            if (!f[1].empty()) {
                const auto a = parse_number(f[1]);
                if (!a || *a < 0) fail(line_no, "地块面积 '" + f[1] + "' is not a number of hectares");
                p.area_ha = *a;
            }
            p.id = f[2];
            p.name = f[3];
            if (!f[4].empty()) p.shape = f[4];
            if (p.shape != "面" && p.shape != "线" && p.shape != "点") {
                fail(line_no, "图形属性 '" + p.shape + "' is not 点, 线 or 面");
            }
            p.sheet = f[5];
            p.use = f[6];
            p.land_class = f[7];
            for (size_t i = 8; i < f.size(); ++i) p.extra.push_back(f[i]);
            current_ = std::move(p);
            return;
        }
        if (f.size() != 4) {
            fail(line_no, "line has " + std::to_string(f.size()) +
                              " fields: expected a point (点号,圈号,X,Y) or a plot line ending with @");
        }
        if (!current_) fail(line_no, "point line before any plot line");
        TxtPoint pt;
        pt.line = line_no;
        pt.name = f[0];
        const auto ring = parse_int(f[1]);
        if (!ring || *ring < 1) fail(line_no, "圈号 '" + f[1] + "' is not a ring number (1, 2, ...)");
        pt.ring = *ring;
        const auto x = parse_number(f[2]);
        if (!x) fail(line_no, "X '" + f[2] + "' is not a number");
        const auto y = parse_number(f[3]);
        if (!y) fail(line_no, "Y '" + f[3] + "' is not a number");
        // Beyond a million kilometres a coordinate is garbage, and its area would overflow.
        if (std::fabs(*x) >= 1e9) fail(line_no, "X '" + f[2] + "' is out of range (|X| < 1e9 m)");
        if (std::fabs(*y) >= 1e9) fail(line_no, "Y '" + f[3] + "' is out of range (|Y| < 1e9 m)");
        pt.x = *x;
        pt.y = *y;
        current_->points.push_back(std::move(pt));
    }

    void finish_plot(CoordTxt& out) {
        if (!current_) return;
        TxtPlot p = std::move(*current_);
        current_.reset();
        const std::string what = "plot " + (p.id.empty() ? std::to_string(out.plots.size() + 1) : p.id);
        if (p.points.empty()) fail(p.line, what + " has no point lines");
        const auto rings = p.rings();
        size_t distinct = 0;
        for (const auto& r : rings) distinct += r.size();
        const auto n = static_cast<size_t>(p.point_count);
        if (n != p.points.size() && n != distinct) {
            fail(p.line, what + " declares 界址点数 " + std::to_string(p.point_count) + " but has " +
                             std::to_string(p.points.size()) + " point lines (lines " +
                             std::to_string(p.points.front().line) + "-" + std::to_string(p.points.back().line) + ")");
        }
        const size_t need = p.shape == "面" ? 3 : p.shape == "线" ? 2 : 1;
        for (const auto& r : rings) {
            if (r.size() < need) {
                fail(r.front().line, what + " ring " + std::to_string(r.front().ring) + " has " +
                                         std::to_string(r.size()) + " distinct point" + (r.size() == 1 ? "" : "s") +
                                         (need == 3 ? ": a polygon ring needs at least 3" : ": a line needs at least 2"));
            }
        }
        if (p.shape == "面" && p.area_ha && *p.area_ha > 0) {
            const double computed = plot_area_m2(p) / 1e4;
            const double rel = (computed - *p.area_ha) / *p.area_ha;
            if (std::fabs(rel) > 1e-3) {
                out.notes.push_back(file_ + ":" + std::to_string(p.line) + ": " + what + ": declared 地块面积 " +
                                    fixed(*p.area_ha, 4) + " ha, computed " + fixed(computed, 4) + " ha (" +
                                    (rel > 0 ? "+" : "") + fixed(rel * 100, 2) + " %, more than 0.1 %)");
            }
        }
        out.plots.push_back(std::move(p));
    }

    std::string text_;
    std::string file_;
    std::optional<TxtPlot> current_;
};

}  // namespace

std::vector<std::vector<TxtPoint>> TxtPlot::rings() const {
    std::vector<std::vector<TxtPoint>> out;
    for (const TxtPoint& p : points) {
        if (out.empty() || out.back().front().ring != p.ring) {
            out.push_back({p});
            continue;
        }
        out.back().push_back(p);
    }
    if (shape != "点") {
        for (auto& r : out) {
            if (r.size() > 1 && r.back().x == r.front().x && r.back().y == r.front().y) r.pop_back();
        }
    }
    return out;
}

std::string CoordTxt::value(std::string_view key) const {
    for (const auto& [k, v] : header) {
        if (k == key) return v;
    }
    return {};
}

std::optional<GkSystem> CoordTxt::gk_system() const {
    const auto datum = parse_gk_datum(value("坐标系"));
    if (!datum) return std::nullopt;
    GkSystem s;
    s.datum = *datum;
    const auto width = parse_int(value("几度分带"));
    bool prefixed = false;
    int prefix = 0;
    for (const auto& p : plots) {
        for (const auto& pt : p.points) {
            for (double v : {pt.x, pt.y}) {
                if (v >= 1e7) {
                    prefixed = true;
                    prefix = static_cast<int>(std::floor(v / 1e6));
                }
            }
        }
    }
    auto zone = parse_int(value("带号"));
    if (!zone && prefixed) zone = prefix;
    if (!zone) return std::nullopt;
    s.zone = *zone;
    s.zone_width = width ? *width : (*zone <= 23 ? 6 : 3);
    s.prefixed = prefixed;
    return s;
}

bool looks_like_coord_txt(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    std::string head(512, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    // "属性描述" / "地块坐标" in UTF-8 or GBK.
    for (std::string_view key : {"属性描述", "地块坐标", "\xCA\xF4\xD0\xD4\xC3\xE8\xCA\xF6", "\xB5\xD8\xBF\xE9\xD7\xF8\xB1\xEA"}) {
        const size_t at = head.find(key);
        if (at == std::string::npos) continue;
        const size_t br = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        if (br != std::string::npos && (head[br] == '[' || head.compare(br, 3, "\xE3\x80\x90") == 0 ||
                                        head.compare(br, 2, "\xA1\xBE") == 0)) {
            return true;
        }
    }
    return false;
}

CoordTxt parse_coord_txt(std::string_view bytes, const std::string& file) {
    const TextEncoding enc = detect_text_encoding(bytes);
    std::string text;
    if (enc == TextEncoding::gbk) {
        text = to_utf8(bytes, "GBK", file);
    } else if (enc == TextEncoding::unknown) {
        // Name the first line that is neither UTF-8 nor GBK.
        int line = 0;
        for (size_t pos = 0; pos <= bytes.size();) {
            size_t nl = bytes.find('\n', pos);
            if (nl == std::string_view::npos) nl = bytes.size();
            ++line;
            if (detect_text_encoding(bytes.substr(pos, nl - pos)) == TextEncoding::unknown) break;
            pos = nl + 1;
        }
        throw InputError(file + ":" + std::to_string(line) + ": text is neither UTF-8 nor GBK");
    } else {
        text = std::string(bytes);
    }
    Parser parser(std::move(text), file);
    CoordTxt out = parser.run();
    out.encoding = enc;
    return out;
}

CoordTxt read_coord_txt(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string() + ": cannot open");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_coord_txt(ss.str(), file.string());
}

double plot_area_m2(const TxtPlot& plot) {
    if (plot.shape != "面") return 0;
    const auto rings = plot.rings();
    const std::vector<int> owner = io::ring_owners(rings);
    double area = 0;
    for (size_t i = 0; i < rings.size(); ++i) {
        area += owner[i] < 0 ? io::ring_area(rings[i]) : -io::ring_area(rings[i]);
    }
    return area;
}

std::string format_coord_txt(const std::vector<TxtPlot>& plots, const GkSystem& sys,
                             const TxtWriteOptions& opts) {
    const std::string nl = opts.crlf ? "\r\n" : "\n";
    std::string t;
    // 数据产生日期 as the bureau's files write it, Y-M-D without leading zeros (2025-6-15): the
    // given ISO date (YYYY-MM-DD) so written, else today's.
    char date[32] = "";
    int y = 0, mo = 0, d = 0;
    char tail = 0;
    if (opts.date.empty()) {
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        if (localtime_r(&now, &tm) != nullptr) {
            std::snprintf(date, sizeof date, "%d-%d-%d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        }
    } else if (opts.date.size() == 10 && std::sscanf(opts.date.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3) {
        std::snprintf(date, sizeof date, "%d-%d-%d", y, mo, d);
    } else {
        throw InputError("数据产生日期 '" + opts.date + "' is not a date YYYY-MM-DD");
    }
    t += "[属性描述]" + nl;
    t += "格式版本号=1.01" + nl;
    t += "数据产生单位=" + opts.producer + nl;
    t += std::string("数据产生日期=") + date + nl;
    t += "坐标系=" + std::string(gk_datum_name(sys.datum)) + nl;
    t += "几度分带=" + std::to_string(sys.zone_width) + nl;
    t += "投影类型=高斯克吕格" + nl;
    t += "计量单位=米" + nl;
    t += "带号=" + std::to_string(sys.zone) + nl;
    t += "精度=0.001" + nl;
    t += "转换参数=,,,,,," + nl;
    t += "[地块坐标]" + nl;
    for (const TxtPlot& p : plots) {
        const auto rings = p.rings();
        std::string body;
        int lines = 0;
        int number = 0;
        // Appended piece by piece: `"J" + std::to_string(n)` trips GCC 12's -Wrestrict false
        // positive (GCC bug 105329) in optimised builds.
        auto point_line = [&](int n, const TxtPoint& pt) {
            body.append("J").append(std::to_string(n)).append(",").append(std::to_string(pt.ring)).append(",");
            body.append(fixed(pt.x, 3)).append(",").append(fixed(pt.y, 3)).append(nl);
            ++lines;
        };
        for (const auto& r : rings) {
            const int first = number + 1;
            for (const TxtPoint& pt : r) point_line(++number, pt);
            if (p.shape == "面") point_line(first, r.front());  // close the ring with the first point again
        }
        const double ha = std::max(0.0, plot_area_m2(p)) / 1e4;  // holes larger than their shell: invalid
        t += std::to_string(lines) + "," + (p.shape == "面" ? fixed(ha, 4) : std::string()) + "," + p.id + "," +
             p.name + "," + p.shape + "," + p.sheet + "," + p.use + "," + p.land_class + ",@" + nl;
        t += body;
    }
    if (opts.gbk) return from_utf8(t, "GBK", "coordinate TXT");
    return t;
}

}  // namespace zoning

namespace zoning::io {

namespace {

/// Point in ring (even-odd), x/y as written.
bool inside(const std::vector<TxtPoint>& ring, double x, double y) {
    bool in = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const TxtPoint& a = ring[i];
        const TxtPoint& b = ring[j];
        if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) in = !in;
    }
    return in;
}

}  // namespace

double ring_area(const std::vector<TxtPoint>& r) {
    if (r.size() < 3) return 0;
    const double ox = r[0].x, oy = r[0].y;
    double s = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        const TxtPoint& a = r[i];
        const TxtPoint& b = r[(i + 1) % r.size()];
        s += (a.x - ox) * (b.y - oy) - (b.x - ox) * (a.y - oy);
    }
    return std::fabs(s) / 2;
}

std::vector<int> ring_owners(const std::vector<std::vector<TxtPoint>>& rings) {
    std::vector<int> owner(rings.size(), -1);
    std::vector<size_t> outers;
    for (size_t k = 0; k < rings.size(); ++k) {
        const auto& r = rings[k];
        for (size_t o : outers) {
            if (inside(rings[o], r.front().x, r.front().y) && ring_area(r) < ring_area(rings[o])) {
                owner[k] = static_cast<int>(o);
            }
        }
        if (owner[k] < 0) outers.push_back(k);
    }
    return owner;
}

}  // namespace zoning::io
