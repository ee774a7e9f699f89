// zoning convert: between the field formats (coordinate TXT, GeoJSON, Shapefile, GeoPackage,
// KML, DXF), keeping ids and names, with the footprint checks (axes, zone prefixes, GCJ-02).
#include "cli.hpp"
#include "cli_messages.hpp"

#include <zoning/formats.hpp>

#include <ostream>

namespace zoning::cli {

namespace {

class ConvertCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "Convert a footprint file between the field formats, keeping ids and names.\n"
            "The coordinate TXT (国土资源部 界址点 format) is written with its header filled and\n"
            "plot areas computed; a TXT needs a CGCS2000/Xian 1980/Beijing 1954 GK CRS (--t-srs).\n"
            "Shapefiles get a .prj and a .cpg (UTF-8); KML is WGS84 lon/lat; DXF needs --s-srs to read.\n\n"
            "Examples:\n"
            "  zoning convert site.txt -o site.gpkg\n"
            "  zoning convert site.geojson -o site.txt --t-srs EPSG:4526\n"
            "  zoning convert drawing.dxf --s-srs EPSG:4547 -o site.shp\n"
            "  zoning convert ovital.kml --from-gcj02 -o site.txt");
        app.add_option("input", o_.input, "Input file (TXT, GeoJSON, Shapefile, GeoPackage, KML, DXF, ...)")->required();
        output_.add_to(app, "Output file", true);
        app.add_option("--format,-f", o_.format, "Output format (default: from the extension)")
            ->check(one_of({"txt", "geojson", "shp", "gpkg", "kml", "dxf"}));
        app.add_option("--t-srs", o_.t_srs, "CRS of the output (default: the input's; KML: WGS84)");
        app.add_option("--layer", o_.layer, "Input layer (default: every layer)");
        app.add_option("--where", o_.where, "OGR SQL attribute filter on the input features");
        app.add_option("--id-field", o_.id_field, "Field holding the ids (default: 地块编号, id, XMBH, ...)");
        app.add_option("--name-field", o_.name_field, "Field holding the names (default: 地块名称, name, XMMC, ...)");
        add_input_args(app, {o_.s_srs, o_.encoding, o_.fix_axes, o_.from_gcj02});
        app.add_flag("--gbk", o_.txt_gbk, "Write the coordinate TXT in GBK (default UTF-8)");
    }

    int run(std::ostream& out, std::ostream& err) override {
        o_.output = output_.path;
        const ConvertSummary s = convert(o_);
        for (const auto& n : s.notes) print_warning(err, n);
        out << o_.output.string() << ": " << s.features << " feature" << (s.features == 1 ? "" : "s") << ", "
            << s.format << ", " << s.crs << '\n';
        return kExitOk;
    }

private:
    ConvertOptions o_;
    OutputArgs output_;
};

const bool registered = register_command(
    {"convert", "Convert footprints between TXT, GeoJSON, Shapefile, GeoPackage, KML and DXF.", 30,
     [] { return std::unique_ptr<Command>(std::make_unique<ConvertCommand>()); }});

}  // namespace

}  // namespace zoning::cli
