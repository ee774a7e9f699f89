#pragma once
// Internal: the one R-tree of the engine — a packed (bulk-loaded, STR-like) Boost.Geometry
// R*-tree of boxes, queried by box. Used by ZoneLayer (load/) and `zoning check`.
#include <zoning/geos.hpp>

#include <cstddef>
#include <memory>
#include <vector>

namespace zoning::geom {

class BoxTree {
public:
    BoxTree();
    /// Indexes `boxes`; a query answers their positions in this vector.
    explicit BoxTree(const std::vector<Envelope>& boxes);
    ~BoxTree();
    BoxTree(BoxTree&&) noexcept;
    BoxTree& operator=(BoxTree&&) noexcept;

    /// Positions of the boxes that intersect `box` (touching counts), in ascending order.
    [[nodiscard]] std::vector<size_t> query(const Envelope& box) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace zoning::geom
