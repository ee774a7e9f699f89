// Finding a CJK font with fontconfig.
#include "render/fonts.hpp"

#include <zoning/error.hpp>

#include <fontconfig/fontconfig.h>

#include <memory>
#include <mutex>

namespace zoning::render {

namespace {

struct PatternDeleter {
    void operator()(FcPattern* p) const noexcept {
        if (p != nullptr) FcPatternDestroy(p);
    }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;

/// Whether fontconfig's best match for `family` is that family itself (not a substitute).
bool installed(const char* family) {
    PatternPtr pat(FcNameParse(reinterpret_cast<const FcChar8*>(family)));
    if (!pat) return false;
    FcConfigSubstitute(nullptr, pat.get(), FcMatchPattern);
    FcDefaultSubstitute(pat.get());
    FcResult res = FcResultNoMatch;
    PatternPtr match(FcFontMatch(nullptr, pat.get(), &res));
    if (!match || res != FcResultMatch) return false;
    FcChar8* found = nullptr;
    for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &found) == FcResultMatch; ++i) {
        if (std::string(reinterpret_cast<const char*>(found)) == family) return true;
    }
    return false;
}

}  // namespace

std::string cjk_font_family() {
    static std::once_flag once;
    static std::string family;
    std::call_once(once, [] {
        for (const char* f : {"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
                              "WenQuanYi Micro Hei", "AR PL UMing CN"}) {
            if (installed(f)) {
                family = f;
                return;
            }
        }
    });
    if (family.empty()) {
        throw InputError("no Chinese font is installed: install Debian's fonts-noto-cjk (scripts/install-deps)");
    }
    return family;
}

}  // namespace zoning::render
