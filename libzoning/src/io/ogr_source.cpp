#include "io/ogr_source.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>

#include "io/coord_txt_ogr.hpp"
#include "io/dxf_check.hpp"

#include <zoning/formats.hpp>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace zoning::io {

namespace {

std::string cpl_message() {
    const char* m = CPLGetLastErrorMsg();
    return (m != nullptr && *m != '\0') ? std::string(m) : std::string("not a readable vector source");
}

/// The file beside shapefile `shp` with extension `ext` (either case), or "" when none is.
std::filesystem::path sidecar(const std::filesystem::path& shp, const std::string& ext) {
    std::string upper = ext;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& e : {ext, upper}) {
        std::filesystem::path p = shp;
        p.replace_extension(e);
        std::error_code ec;
        if (std::filesystem::exists(p, ec)) return p;
    }
    return {};
}

bool is_shp(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".shp";
}

}  // namespace

EncodingChoice shapefile_encoding(const std::filesystem::path& shp, const std::string& override_encoding) {
    std::filesystem::path dbf = shp;
    dbf.replace_extension(".dbf");
    std::error_code ec;
    if (!std::filesystem::exists(dbf, ec)) dbf.replace_extension(".DBF");
    if (!override_encoding.empty()) {
        return {override_encoding, shp.string() + ": text read as " + override_encoding + " (--encoding)"};
    }
    for (const char* ext : {".cpg", ".CPG"}) {
        std::filesystem::path cpg = shp;
        cpg.replace_extension(ext);
        if (std::filesystem::exists(cpg, ec)) return {};
    }
    std::ifstream in(dbf, std::ios::binary);
    if (!in) return {};
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    if (bytes.size() < 32) return {};
    const auto ldid = static_cast<unsigned char>(bytes[29]);
    if (ldid != 0 && ldid != 0x57) return {};  // GDAL reads the code page byte itself
    const size_t header = static_cast<unsigned char>(bytes[8]) | (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    if (header >= bytes.size()) return {};
    const std::string_view records = std::string_view(bytes).substr(header);
    const std::string why = shp.string() + ": no .cpg and no code page in the DBF: ";
    switch (detect_text_encoding(records)) {
        case TextEncoding::ascii: return {};
        case TextEncoding::utf8:
            return {"UTF-8", why + "text is valid UTF-8, read as UTF-8 (--encoding overrides)"};
        case TextEncoding::gbk:
            return {"CP936", why + "text is not UTF-8 but valid GBK, read as GBK (CP936) (--encoding overrides)"};
        case TextEncoding::unknown: break;
    }
    return {"ISO-8859-1", why + "text is neither UTF-8 nor GBK, read as ISO-8859-1: names may be garbled; "
                                "give the encoding with --encoding"};
}

namespace {

/// Opens any vector source: a coordinate TXT into a Memory dataset, a shapefile with the
/// encoding it needs, anything else as GDAL opens it.
GDALDatasetUniquePtr open_dataset(const std::filesystem::path& path, const std::string& encoding,
                                  std::vector<std::string>& notes, std::string& crs_hint, std::string& driver) {
    static const bool registered = (GDALAllRegister(), true);
    (void)registered;
    std::error_code ec;  // a symbolic link loop or a folder without access: a message, not a throw
    const std::filesystem::file_status st = std::filesystem::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) throw InputError(path.string() + ": cannot open: " + ec.message());
    if (!std::filesystem::exists(st)) {
        throw InputError(path.string() + ": file not found");
    }
    if (!path.string().starts_with("/vsi") && !std::filesystem::is_regular_file(st) &&
        !std::filesystem::is_directory(st)) {
        throw InputError(path.string() + ": not a regular file (a FIFO, socket or device): "
                         "only files and folders are read");
    }
    std::string ext = path.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".shp" && sidecar(path, ".dbf").empty()) {
        notes.push_back(path.string() + ": its .dbf is missing: the shapefile has no attributes");
    }
    if (ext == ".txt" && looks_like_coord_txt(path)) {
        driver = "coordinate TXT";
        return open_coord_txt(path, notes, crs_hint);
    }
    if (ext == ".dxf") check_dxf_file(path);  // a truncated DXF hangs GDAL 3.6's reader
    std::vector<std::string> option_text;
    if (ext == ".shp" || ext == ".dbf") {
        EncodingChoice e = shapefile_encoding(path, encoding);
        if (!e.encoding.empty()) option_text.push_back("ENCODING=" + e.encoding);
        if (!e.note.empty()) notes.push_back(e.note);
    }
    std::vector<const char*> options;
    for (const auto& o : option_text) options.push_back(o.c_str());
    options.push_back(nullptr);
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                              options.data(), nullptr));
    if (!ds) throw InputError(path.string() + ": cannot open: " + cpl_message());
    driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
    return ds;
}

}  // namespace

std::vector<OgrSource> open_vector_layers(const std::filesystem::path& path, const std::string& encoding) {
    std::vector<std::string> notes;
    std::string hint, driver;
    GDALDatasetUniquePtr ds = open_dataset(path, encoding, notes, hint, driver);
    const int n = ds->GetLayerCount();
    if (n == 0) throw InputError(path.string() + ": has no vector layer");
    std::vector<OgrSource> out;
    // Each layer gets its own dataset handle so it can be read independently.
    for (int i = 0; i < n; ++i) {
        std::vector<std::string> ignored;
        GDALDatasetUniquePtr d = i == 0 ? std::move(ds) : open_dataset(path, encoding, ignored, hint, driver);
        OGRLayer* l = d->GetLayer(i);
        OgrSource src{std::move(d), l, path.string() + " layer " + l->GetName(), driver, {}, hint, {}};
        if (i == 0) src.notes = notes;
        out.push_back(std::move(src));
    }
    return out;
}

OgrSource open_vector(const std::filesystem::path& path, const std::string& layer_name, const std::string& encoding) {
    std::vector<std::string> notes;
    std::string hint, driver;
    GDALDatasetUniquePtr ds = open_dataset(path, encoding, notes, hint, driver);
    OGRLayer* layer = nullptr;
    if (!layer_name.empty()) {
        layer = ds->GetLayerByName(layer_name.c_str());
        if (layer == nullptr) {
            std::string names;
            for (int i = 0; i < ds->GetLayerCount(); ++i) {
                names += (i ? ", " : "") + std::string(ds->GetLayer(i)->GetName());
            }
            throw InputError(path.string() + ": no layer '" + layer_name + "' (layers: " + names + ")");
        }
    } else {
        if (ds->GetLayerCount() == 0) throw InputError(path.string() + ": has no vector layer");
        if (ds->GetLayerCount() > 1) {
            std::string names;
            for (int i = 0; i < ds->GetLayerCount(); ++i) {
                names += (i ? ", " : "") + std::string(ds->GetLayer(i)->GetName());
            }
            throw InputError(path.string() + ": has " + std::to_string(ds->GetLayerCount()) +
                             " layers (" + names + "): say which one with 'layer:'");
        }
        layer = ds->GetLayer(0);
    }
    std::string label = path.string() + " layer " + layer->GetName();
    return {std::move(ds), layer, std::move(label), driver, std::move(notes), hint, {}};
}

namespace {

std::string db_message(const char* fallback) {
    const char* m = CPLGetLastErrorMsg();
    return one_line((m != nullptr && *m != '\0') ? std::string(m) : std::string(fallback));
}

}  // namespace

std::string one_line(std::string m) {
    std::string out;
    bool space = false;
    for (char c : m) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

OgrSource open_database(const std::string& connection, const std::string& layer_name, const std::string& sql) {
    static const bool registered = (GDALAllRegister(), true);
    (void)registered;
    const std::string shown = redact_connection(connection);
    // GDAL's PostgreSQL driver takes "PG:<libpq conninfo>"; a URL is a conninfo too.
    const std::string gdal_name = connection.starts_with("PG:") || connection.starts_with("pg:")
                                      ? "PG:" + connection.substr(3)
                                      : "PG:" + connection;
    const char* drivers[] = {"PostgreSQL", nullptr};
    CPLErrorReset();
    GDALDatasetUniquePtr ds;
    {
        CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
        ds.reset(GDALDataset::Open(gdal_name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    }
    if (!ds) throw InputError(shown + ": cannot connect: " + db_message("the PostgreSQL driver cannot open it"));
    OgrSource o;
    o.driver = "PostgreSQL";
    OGRLayer* layer = nullptr;
    if (!sql.empty()) {
        GDALDataset* raw = ds.get();
        CPLErrorReset();
        {
            CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
            // The query reads: the session refuses writes, whatever the query says.
            raw->ExecuteSQL("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", nullptr, nullptr);
            CPLErrorReset();
            layer = raw->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        }
        if (layer == nullptr) throw InputError(shown + " sql \"" + sql + "\": " + db_message("the query returned no rows layer"));
        o.sql_result = std::unique_ptr<OGRLayer, std::function<void(OGRLayer*)>>(
            layer, [raw](OGRLayer* l) { raw->ReleaseResultSet(l); });
        o.label = shown + " sql \"" + sql + "\"";
    } else {
        if (layer_name.empty()) throw InputError(shown + ": a database source needs layer: schema.table (or sql:)");
        CPLErrorReset();
        {
            CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
            layer = ds->GetLayerByName(layer_name.c_str());
        }
        if (layer == nullptr) {
            const std::string why = db_message("");
            throw InputError(shown + ": no table '" + layer_name + "' with a geometry column" +
                             (why.empty() ? std::string() : " (" + why + ")") +
                             ": give layer: schema.table of a PostGIS table or view");
        }
        o.label = shown + " layer " + layer_name;
    }
    if (layer->GetGeomType() == wkbNone) {
        throw InputError(o.label + ": has no geometry column (is PostGIS installed in the database, "
                         "and is the column a PostGIS geometry?)");
    }
    o.dataset = std::move(ds);
    o.layer = layer;
    return o;
}

std::optional<Crs> layer_crs(OGRLayer* layer, const std::string& what) {
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs == nullptr) return std::nullopt;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs->exportToWkt(&wkt, options) != OGRERR_NONE || wkt == nullptr) {
        CPLFree(wkt);
        throw InputError(what + ": its CRS cannot be read");
    }
    std::string text(wkt);
    CPLFree(wkt);
    return Crs::from_user(text, what);
}

int field_index(OGRLayer* layer, const std::string& name) {
    return layer->GetLayerDefn()->GetFieldIndex(name.c_str());
}


std::string field_list(OGRLayer* layer) {
    std::string s;
    OGRFeatureDefn* d = layer->GetLayerDefn();
    for (int i = 0; i < d->GetFieldCount(); ++i) {
        s += (i ? ", " : "") + std::string(d->GetFieldDefn(i)->GetNameRef());
    }
    return s.empty() ? "none" : s;
}

std::string field_list(const OgrSource& src) {
    std::string s = field_list(src.layer);
    const std::filesystem::path p = src.dataset->GetDescription();
    if (s == "none" && is_shp(p) && sidecar(p, ".dbf").empty()) s += ": its .dbf is missing";
    return s;
}

std::string no_crs_reason(const OgrSource& src) {
    const std::filesystem::path p = src.dataset->GetDescription();
    if (!is_shp(p)) return {};
    if (const auto prj = sidecar(p, ".prj"); !prj.empty()) return prj.string() + " could not be parsed as a CRS";
    return "no .prj";
}

Geom to_geos(const GeosContext& ctx, const OGRGeometry* g) {
    if (g == nullptr) return Geom(nullptr, GeomDeleter{ctx.handle()});
    std::unique_ptr<OGRGeometry> flat;
    const OGRGeometry* use = g;
    if (g->hasCurveGeometry(TRUE) || g->Is3D() || g->IsMeasured()) {
        flat.reset(g->hasCurveGeometry(TRUE) ? g->getLinearGeometry() : g->clone());
        flat->flattenTo2D();
        flat->setMeasured(FALSE);
        use = flat.get();
    }
    std::vector<unsigned char> wkb(static_cast<size_t>(use->WkbSize()));
    if (use->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) {
        throw InputError("geometry cannot be exported to WKB");
    }
    return ctx.from_wkb(wkb.data(), wkb.size());
}

std::string field_text(const OGRFeature& f, int index) {
    if (index < 0 || !f.IsFieldSetAndNotNull(index)) return {};
    return f.GetFieldAsString(index);
}

std::string TextFields::operator()(const OGRFeature& f, int index, const std::string& where) {
    std::string v = field_text(f, index);
    switch (detect_text_encoding(v)) {
        case TextEncoding::ascii:
        case TextEncoding::utf8: return v;
        case TextEncoding::gbk: {
            const char* field = f.GetFieldDefnRef(index)->GetNameRef();
            if (gbk_++ == 0) first_ = where + " field " + field;
            char* utf8 = CPLRecode(v.c_str(), "CP936", CPL_ENC_UTF8);
            std::string out = utf8 != nullptr ? utf8 : "";
            CPLFree(utf8);
            return out;
        }
        case TextEncoding::unknown: break;
    }
    std::string bytes;
    for (size_t i = 0; i < v.size() && i < 24; ++i) {
        char buf[8];
        const auto c = static_cast<unsigned char>(v[i]);
        std::snprintf(buf, sizeof buf, c < 0x80 && std::isprint(c) ? "%c" : "\\x%02X", c);
        bytes += buf;
    }
    throw InputError(where + " field " + f.GetFieldDefnRef(index)->GetNameRef() +
                     ": text is neither UTF-8 nor GBK (\"" + bytes + "\"): the .cpg names the wrong encoding?");
}

std::string TextFields::warning() const {
    if (gbk_ == 0) return {};
    return std::to_string(gbk_) + " text value(s) are not UTF-8 but valid GBK (the .cpg says UTF-8?): read as GBK "
           "(CP936); first at " + first_;
}

}  // namespace zoning::io
