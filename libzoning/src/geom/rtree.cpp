#include "geom/rtree.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <iterator>
#include <utility>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace zoning::geom {

namespace {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Value = std::pair<Box, size_t>;
Box box_of(const Envelope& e) { return Box({e.minx, e.miny}, {e.maxx, e.maxy}); }
}  // namespace

struct BoxTree::Impl {
    bgi::rtree<Value, bgi::rstar<16>> tree;
};

BoxTree::BoxTree() : impl_(std::make_unique<Impl>()) {}

BoxTree::BoxTree(const std::vector<Envelope>& boxes) : impl_(std::make_unique<Impl>()) {
    std::vector<Value> values;
    values.reserve(boxes.size());
    for (size_t i = 0; i < boxes.size(); ++i) values.emplace_back(box_of(boxes[i]), i);
    // The range constructor packs the tree (STR-like bulk loading).
    impl_->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());
}

BoxTree::~BoxTree() = default;
BoxTree::BoxTree(BoxTree&&) noexcept = default;
BoxTree& BoxTree::operator=(BoxTree&&) noexcept = default;

std::vector<size_t> BoxTree::query(const Envelope& box) const {
    std::vector<Value> hits;
    impl_->tree.query(bgi::intersects(box_of(box)), std::back_inserter(hits));
    std::vector<size_t> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.second);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace zoning::geom
