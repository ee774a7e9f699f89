// libFuzzer target for the coordinate TXT reader: any bytes either parse or throw InputError;
// what parses can be written back, and the written text parses to the same plots and areas.
#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    zoning::CoordTxt txt;
    try {
        txt = zoning::parse_coord_txt(bytes, "fuzz.txt");
    } catch (const zoning::InputError&) {
        return 0;  // rejected with file:line: reason: fine
    }
    for (const auto& p : txt.plots) {
        const double a = zoning::plot_area_m2(p);
        if (!std::isfinite(a)) std::abort();
    }
    if (auto sys = txt.gk_system()) (void)sys->central_meridian();
    // Write and read back: same plot count, same areas.
    const zoning::GkSystem sys{zoning::GkDatum::cgcs2000, 3, 38, false};
    const std::string text = zoning::format_coord_txt(txt.plots, sys, {});
    zoning::CoordTxt back;
    try {
        back = zoning::parse_coord_txt(text, "back.txt");
    } catch (const zoning::InputError&) {
        std::abort();  // the writer produced a file the reader rejects
    }
    if (back.plots.size() != txt.plots.size()) std::abort();
    for (size_t i = 0; i < back.plots.size(); ++i) {
        // The writer rounds to the millimetre (精度=0.001): each vertex moves by at most 0.0005 m
        // on each axis, so the area moves by at most perimeter × 0.0005 × √2.
        double perimeter = 0;
        for (const auto& r : txt.plots[i].rings()) {
            for (size_t k = 0; k < r.size(); ++k) {
                const auto& a = r[k];
                const auto& b = r[(k + 1) % r.size()];
                perimeter += std::hypot(a.x - b.x, a.y - b.y);
            }
        }
        const double a = zoning::plot_area_m2(txt.plots[i]), b = zoning::plot_area_m2(back.plots[i]);
        if (std::fabs(a - b) > perimeter * 0.00075 + 1e-6 * std::fabs(a) + 1e-3) {
            std::fprintf(stderr, "plot %zu: area %.6f, written and read back %.6f\n", i, a, b);
            std::abort();
        }
    }
    return 0;
}
