#pragma once
// Internal: the rows zoning writes as vector layers, whatever the destination (a GeoPackage, a
// shapefile, a PostGIS table): the fields with their Chinese titles and how a feature is filled
// from a screen or check result. One definition, so the GPKG and the database tables agree.
#include <zoning/check.hpp>
#include <zoning/screen.hpp>

#include "output/ogr_layer_writer.hpp"

#include <vector>

namespace zoning::output {

/// Fields with their Chinese aliases (GeoPackage gpkg_data_columns, QGIS aliases, PostGIS
/// comments). Names, long text 254 characters, other text 80, reals 24.6.
FieldSpec text_field(const char* name, const char* alias, int width = 80);
FieldSpec real_field(const char* name, const char* alias);
FieldSpec integer_field(const char* name, const char* alias, OGRFieldType t = OFTInteger);

/// One conflict part: a footprint × layer × zoning feature hit (or near).
struct ConflictRow {
    const FootprintResult* fp;
    const Conflict* c;
    const FeatureHit* h;
};

/// Every conflict part of the report, in report order.
std::vector<ConflictRow> conflict_rows(const ScreenReport& r);

/// The fields of the conflicts layer (GPKG `conflicts`, shapefile, PostGIS NAME_parts). With
/// `rules` (ScreenReport::has_categories()) the rule fields follow: category, rule_id, rule_basis,
/// rule_proc (docs/screen.md); without, the fields are those of a run without categories.
const std::vector<FieldSpec>& conflict_fields(bool rules);
/// The fields of the footprints layer (GPKG `footprints`, PostGIS NAME); with `rules`, the
/// footprint's category and its Chinese name follow.
const std::vector<FieldSpec>& footprint_fields(bool rules);
/// Sets the conflict_fields(rules) of `feat` from `row` (not the geometry).
void fill_conflict(OGRFeature& feat, const ConflictRow& row, bool rules);
/// Sets the footprint_fields(rules) of `feat` from `fp` (not the geometry).
void fill_footprint(OGRFeature& feat, const FootprintResult& fp, bool rules);

/// check: the findings layer and the control-line conflicts layer.
const std::vector<FieldSpec>& finding_fields();
const std::vector<FieldSpec>& control_line_conflict_fields();
void fill_finding(OGRFeature& feat, const Finding& f);
void fill_control_line_conflict(OGRFeature& feat, const ControlLineConflict& c);

}  // namespace zoning::output
