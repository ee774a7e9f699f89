#pragma once
// The sample district: builds every layer in memory (EPSG:4547), then writes the catalog, the
// shapefiles, the README with the figures, and the example project footprints.
#include "common.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gen {

inline constexpr double kDistrictKm2 = 1478.34;   // the plan's 国土总面积
inline constexpr double kRedlineHa = 50522.19;    // the plan's 生态保护红线

struct Town {
    std::string name, code;
    Pt center{};
    Geom geom;
};

struct River {
    std::string name, code, grade;
    Geom line;  // clipped to the district
};

struct WaterSource {
    std::string name, code, type, level;
    Pt center{};
    double r1 = 0;
    Geom grade1, grade2, grade3;  // disjoint rings: 一级, 二级 (minus 一级), 准 (minus 二级 outer)
};

struct Project {
    std::string slug, name, code, kind;
    std::string category;  ///< project category code (zoning/rules.hpp), in each feature's `category`
    int epsg = 4547;
    std::string intent;  ///< what the example is meant to show
    LayerData layer;     ///< fields XMBH, XMMC, 项目名称?, LX, KD...
};

struct Conflict {
    std::string code, layer, what;
    double overlap_m2 = 0;
};

/// DLMC of a DLBM code the sample uses (三调 工作分类 names).
const char* landuse_name(const std::string& code);

class Generator {
public:
    Generator(std::uint64_t seed, std::string data_dir);
    void build();
    /// Writes shapefiles/yunzhou (catalog.yaml, *.shp, README.md) into `out_dir`.
    void write_catalog(const std::string& out_dir) const;
    /// Writes examples/projects/*.geojson, projects/shp/*.shp and examples/README.md.
    void write_examples(const std::string& examples_dir) const;

private:
    Rng rng_for(std::uint64_t salt) const;
    Pt ll(double lon, double lat) const;
    void build_district();
    void build_townships();
    void build_rivers();
    void build_urban();
    void build_water();
    void build_parks_raw();
    void build_redline();
    std::vector<Feature> redline_others(double shift, Geom* north, Geom* south) const;
    void build_reserves_and_parks();
    void build_heritage();
    void build_projects();
    void build_farmland();
    void build_units();
    /// The land-use parcels (landuse.cpp): after every other layer, from its own random stream.
    void build_landuse();
    [[nodiscard]] std::vector<const GEOSGeometry*> red_parts() const;
    void finish_layers();
    std::string figures_markdown(const std::string& dir) const;

    std::uint64_t seed_;
    std::string data_dir_;
    GeosContext ctx_;
    zoning::Crs gk_, geo_;
    zoning::Transformer to_gk_, to_geo_;
    zoning::AreaMeter meter_;

    Geom district_;
    double district_scale_ = 1;
    double outline_area_m2_ = 0;
    int outline_vertices_ = 0;
    std::vector<Town> towns_;
    std::vector<River> rivers_;
    Geom sanggan_full_;  // meandered, not clipped
    std::vector<Feature> urban_;   // values: MC, LX, XZMC
    Geom urban_union_;
    std::vector<WaterSource> water_;
    std::vector<Geom> cones_;      // volcanic cones
    std::map<std::string, Geom> park_raw_;
    Geom north_zone_, south_zone_;
    std::vector<Feature> redline_;  // values set in finish_layers
    Geom redline_union_;
    double redline_last_buffer_m_ = 0;
    std::vector<Feature> reserves_, parks_, heritage_, farmland_, units_;
    std::vector<Feature> landuse_;  // values: DLBM
    std::vector<Conflict> conflicts_;
    Geom keepout_;   // project footprints that farmland keeps clear of
    std::vector<Project> projects_;
    std::vector<LayerData> layers_;
};

}  // namespace gen
