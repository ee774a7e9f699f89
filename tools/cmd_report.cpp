// zoning report: the 审查报告 of one project as a PDF or a self-contained HTML page (docs/report.md).
#include "cli.hpp"
#include "cli_messages.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/report_document.hpp>
#include <zoning/screen.hpp>

#include <filesystem>
#include <ostream>

namespace zoning::cli {

namespace {

class ReportCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "Write the screening report (审查报告) of one project: all the footprints of FOOTPRINTS are one\n"
            "project. A4 portrait PDF: cover and conclusion (the overall verdict, the one-line reason of\n"
            "each footprint), the tables (footprint × layer × class, features hit, 占用地类), the conflict\n"
            "map on a landscape page, the 界址点 coordinates of every conflict part, data and method, and\n"
            "a signature block. The screening options are those of `zoning screen`. With -o FILE.html the same\n"
            "report as one HTML page (no external request; the map an interactive SVG; prints to A4 pages).\n"
            "See docs/report.md.\n\n"
            "Examples:\n"
            "  zoning report -c shapefiles/yunzhou/catalog.yaml examples/projects/sewage_plant_relocation.geojson \\\n"
            "      --id-field XMBH --name-field XMMC --applicant 云州区住建局 --org 云州区自然资源局 -o report.pdf\n"
            "  # the conflict parts as a coordinate exchange TXT too\n"
            "  zoning report -c catalog.yaml site.txt --parts parts.txt -o report.pdf");
        catalog_.add_to(app);
        footprints_.add_to(app);
        layers_.add_to(app, "Screen only these catalog layer ids");
        ellipsoidal_.add_to(app);
        lang_.add_to(app);
        threads_.add_to(app);
        output_.add_to(app, "The report: .pdf, or .html (one self-contained page)", true);
        app.add_option("--parts", opts_.parts_txt,
                       "Also write the conflict parts (footprint ∩ zoning feature) as a coordinate exchange TXT")
            ->type_name("FILE");
        app.add_option("--title", opts_.title, "Project name on the cover (default: the footprints' name)");
        app.add_option("--project-code", opts_.project_code, "Project code (项目代码) on the cover");
        app.add_option("--applicant", opts_.applicant, "Applicant (建设单位) on the cover");
        app.add_option("--org", opts_.org, "Reviewing body (制图/审查单位) on the cover");
        app.add_option("--author", opts_.author, "Prepared by (制图) in the signature block");
        app.add_option("--reviewer", opts_.reviewer, "Reviewed by (审核) in the signature block");
        app.add_option("--date", opts_.date, "Date on the cover and the signature block (default: today)");
    }

    int run(std::ostream& out, std::ostream& err) override {
        const Catalog catalog = catalog_.load();
        auto loaded = catalog_.load(catalog, err);
        const FootprintQuery& q = footprints_.query;
        if (opts_.title.empty() && q.name_field.empty() && q.sources.size() == 1) {
            opts_.title = std::filesystem::path(q.sources.front()).stem().string();
        }
        ScreenOptions sopts;
        sopts.layers = layers_.ids;
        sopts.ellipsoidal = ellipsoidal_.value();
        sopts.threads = threads_.value;
        sopts.footprint_timeout_s = q.timeout_s;
        std::vector<Warning> warnings;
        const std::vector<Footprint> footprints = footprints_.read(*loaded, warnings);
        const ScreenReport report = screen_all(*loaded, footprints, sopts);
        opts_.lang = lang_.value();
        opts_.inputs.assign(q.sources.begin(), q.sources.end());
        const ReportResult r = write_report(output_.path, *loaded, report, footprints, opts_);
        print_warnings(err, warnings);
        print_warnings(err, std::vector<Warning>(report.warnings.begin() + static_cast<std::ptrdiff_t>(loaded->warnings().size()),
                                                 report.warnings.end()));
        out << output_.path << ": ";
        if (r.html_bytes > 0) {
            out << "HTML, " << (r.html_bytes + 1023) / 1024 << " KB";
        } else {
            out << r.pages << (r.pages == 1 ? " page" : " pages");
        }
        out << ", verdict " << to_string(report.worst()) << ", " << r.parts.size()
            << (r.parts.size() == 1 ? " conflict part" : " conflict parts") << '\n';
        if (r.parts_written) out << opts_.parts_txt.string() << ": " << r.parts.size() << " plots\n";
        if (!opts_.parts_txt.empty() && !r.parts_written) {
            err << label(Say::note) << ": "
                << tr("--parts " + opts_.parts_txt.string() + ": no conflict part, so no file written") << '\n';
        }
        return kExitOk;
    }

private:
    CatalogArgs catalog_;
    FootprintArgs footprints_;
    LayersArg layers_;
    EllipsoidalArg ellipsoidal_;
    LangArg lang_;
    ThreadsArg threads_;
    OutputArgs output_;
    ReportOptions opts_;
};

const bool registered = register_command({"report", "Write the screening report of a project (PDF or HTML).", 16,
                                          [] { return std::unique_ptr<Command>(std::make_unique<ReportCommand>()); }});

}  // namespace

}  // namespace zoning::cli
