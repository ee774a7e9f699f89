// The cache flags shared by every command that loads a catalog.
#include "cli.hpp"

#include <ostream>

namespace zoning::cli {

void CacheFlags::add_to(CLI::App& app) {
    app.add_flag("--no-cache", no_cache, "Read the catalog's sources even when its prepared cache (zoning index) is fresh");
    app.add_option("--cache-dir", cache_dir,
                   "Folder of the prepared catalog cache (default: $ZONING_CACHE_DIR, or beside the catalog)");
}

LoadOptions CacheFlags::load_options(std::ostream& err) const {
    LoadOptions o;
    o.use_cache = !no_cache;
    o.cache_dir = cache_dir;
    o.on_cache_note = [&err](const std::string& note) { err << "zoning: " << note << '\n'; };
    return o;
}

std::unique_ptr<LoadedCatalog> load_catalog(const Catalog& catalog, const CacheFlags& flags, std::ostream& err) {
    return LoadedCatalog::load(catalog, flags.load_options(err));
}

}  // namespace zoning::cli
