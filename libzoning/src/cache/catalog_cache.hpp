#pragma once
// Internal: reading and writing the prepared catalog cache (see zoning/cache.hpp).
#include <zoning/cache.hpp>
#include <zoning/layer.hpp>

#include <memory>
#include <string>

namespace zoning::cache {

/// Friend of LoadedCatalog and ZoneLayer: builds them from a cache file.
struct Access {
    /// The catalog read from its cache when the cache is fresh; else null, with `why` saying what
    /// was found (absent, stale and what changed, unreadable).
    static std::unique_ptr<LoadedCatalog> load_fresh(const Catalog& catalog, const LoadOptions& opts,
                                                     std::string& why);
    static CacheWriteResult write(const Catalog& catalog, const LoadOptions& opts, bool with_unions);
};

}  // namespace zoning::cache
