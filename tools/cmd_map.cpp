// zoning map: a printable conflict map of project footprints on a zoning catalog.
#include "cli.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/map.hpp>
#include <zoning/screen.hpp>

#include <filesystem>
#include <ostream>

namespace zoning::cli {

namespace {

class MapCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "Draw the conflict map of project footprints: the footprints with a margin, the catalog\n"
            "layers in the frame, the conflict pieces hatched (severe ones under 5 mm circled), labels,\n"
            "legend, scale bar, north arrow, title, a table of conflict areas (公顷, 亩) with the verdict\n"
            "and an overview of the district. All footprints of FOOTPRINTS form one project on one page;\n"
            "--all draws one page per footprint into a multi-page PDF. The scale is the smallest round\n"
            "one (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n) that shows the footprints with the margin.\n"
            "Colours come from the style table, overridable per catalog layer with style:. See docs/map.md.\n\n"
            "Examples:\n"
            "  # one project, one A4 landscape PNG (title from the XMMC field)\n"
            "  zoning map -c shapefiles/yunzhou/catalog.yaml examples/projects/datang_pv_100mw.geojson \\\n"
            "      --id-field XMBH --name-field XMMC -o pv.png\n"
            "  # a road given as centre lines, 60 m wide, on A3 portrait for print\n"
            "  zoning map -c catalog.yaml road.shp --width 60 --paper A3 --orientation portrait -o road.pdf\n"
            "  # every footprint of every example project on its own page\n"
            "  zoning map -c shapefiles/yunzhou/catalog.yaml examples/projects/*.geojson \\\n"
            "      --id-field XMBH --name-field XMMC --width-field KD --all -o all.pdf\n"
            "  # an SVG to edit, with a fixed title and date\n"
            "  zoning map -c catalog.yaml site.gpkg --title 某某项目 --date 2026-12-01 -o site.svg");
        catalog_.add_to(app);
        footprints_.add_to(app);
        output_.add_to(app, "The map: .png, .svg or .pdf", true);
        layers_.add_to(app, "Screen and hatch only these catalog layer ids (all layers are still drawn)");
        ellipsoidal_.add_to(app);
        threads_.add_to(app);
        app.add_option("--title", opts_.title, "Project name in the title (default: the footprints' name)");
        app.add_option("--date", opts_.date, "Date printed in the title (default: today)");
        app.add_option("--paper", paper_, "Paper size")->check(one_of({"A4", "A3", "a4", "a3"}))->default_val("A4");
        app.add_option("--orientation", orientation_, "Page orientation")
            ->check(one_of({"landscape", "portrait"}))->default_val("landscape");
        app.add_option("--dpi", opts_.dpi, "Resolution of a PNG map")->check(between(36, 1200))->default_val(150);
        app.add_option("--margin", opts_.margin, "Margin around the footprints, as a fraction of their extent")
            ->check(between(0, 10))->default_val(0.2);
        app.add_flag("--all", opts_.per_footprint, "One page per footprint (multi-page PDF)");
    }

    int run(std::ostream& out, std::ostream& err) override {
        const Catalog catalog = catalog_.load();
        auto loaded = catalog_.load(catalog, err);
        opts_.paper = parse_paper(paper_);
        opts_.orientation = parse_orientation(orientation_);
        // Without a name field, a single file names the project.
        const FootprintQuery& q = footprints_.query;
        if (opts_.title.empty() && q.name_field.empty() && q.sources.size() == 1) {
            opts_.title = std::filesystem::path(q.sources.front()).stem().string();
        }
        ScreenOptions sopts;
        sopts.layers = layers_.ids;
        sopts.ellipsoidal = ellipsoidal_.value();
        sopts.threads = threads_.value;
        sopts.footprint_timeout_s = footprints_.query.timeout_s;
        std::vector<Warning> warnings;
        const std::vector<Footprint> footprints = footprints_.read(*loaded, warnings);
        ScreenReport report = screen_all(*loaded, footprints, sopts);
        opts_.inputs.assign(q.sources.begin(), q.sources.end());
        const MapResult r = render_map(output_.path, *loaded, report, footprints, opts_);
        print_warnings(err, warnings);
        // The screening's own warnings (a footprint not screened; the catalog's were said on loading).
        print_warnings(err, std::vector<Warning>(report.warnings.begin() + static_cast<std::ptrdiff_t>(loaded->warnings().size()),
                                                 report.warnings.end()));
        out << output_.path << ": " << r.pages.size() << (r.pages.size() == 1 ? " page" : " pages") << ", "
            << (opts_.paper == Paper::a4 ? "A4" : "A3") << ' ' << orientation_ << ", scale 1:"
            << static_cast<long long>(r.pages.front().scale) << '\n';
        return kExitOk;
    }

private:
    CatalogArgs catalog_;
    FootprintArgs footprints_;
    OutputArgs output_;
    LayersArg layers_;
    EllipsoidalArg ellipsoidal_;
    ThreadsArg threads_;
    std::string paper_ = "A4";
    std::string orientation_ = "landscape";
    MapOptions opts_;
};

const bool registered = register_command(
    {"map", "Draw a printable conflict map (PNG, SVG, PDF).", 15,
     [] { return std::unique_ptr<Command>(std::make_unique<MapCommand>()); }});

}  // namespace

}  // namespace zoning::cli
