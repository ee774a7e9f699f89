#pragma once
// QGIS layer styles (QML) from the style table, for GeoPackage layer_styles and .qml files.
#include <zoning/style.hpp>

#include <string>
#include <utility>
#include <vector>

namespace zoning::output {

struct QmlCategory {
    std::string value;  ///< attribute value
    Style style;        ///< its symbol; style.label is the legend label
};

struct QmlLayer {
    int dim = 2;                     ///< geometry dimension: 0 point, 1 line, 2 polygon
    Style single;                    ///< the symbol when there are no categories
    std::string category_field;      ///< categorized by this field when not empty
    std::vector<QmlCategory> categories;
    std::vector<std::pair<std::string, std::string>> aliases;  ///< field name -> alias (in order)
    std::string label_field;         ///< labels from this field, or none
};

/// A QGIS 3 style document (<!DOCTYPE qgis ...>) for the layer.
std::string to_qml(const QmlLayer& layer);

/// "r,g,b,a" as QGIS writes colours.
std::string qgis_color(Rgba c);

}  // namespace zoning::output
