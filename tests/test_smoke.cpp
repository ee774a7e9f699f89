#include <zoning/crs.hpp>

#include <gtest/gtest.h>

TEST(Crs, Gk3ZoneForLongitude) {
    EXPECT_EQ(zoning::cgcs2000_gk3_epsg_for_lon(113.6), 4547);
    EXPECT_EQ(zoning::cgcs2000_gk3_epsg_for_lon(111.2), 4546);
}
