#pragma once
// Internal: the 公里网 (kilometre grid) over the map frame of the report's map page: lines every
// round number of metres in the working CRS, labelled as surveyors write them — X the northing
// at the frame's left and right, Y the easting at its top and bottom, in kilometres.
#include <zoning/map.hpp>

#include <string>
#include <vector>

typedef struct _cairo cairo_t;  // cairo.h's own declaration: the header needs no Cairo include path

namespace zoning::report::document {

/// The grid spacing (m) for a frame at 1:`scale`: the smallest of 1, 2, 5 × 10^n m (100 m at
/// least) whose lines are at least `min_mm` apart on the page. A kilometre when that fits.
double grid_step(double scale, double min_mm = 25);

/// The grid values (m) in [lo, hi], multiples of `step`.
std::vector<double> grid_values(double lo, double hi, double step);

/// A grid line's label in kilometres: "4428" for a whole kilometre, "4428.5" between.
std::string grid_label(double value_m, double step);

/// Draws the grid and its labels over `page`'s frame; `cr` in page millimetres. Returns the step.
double draw_grid(cairo_t* cr, const std::string& font, const MapPage& page);

}  // namespace zoning::report::document
