// The PDF writer: a Document on A4 pages, in points (Cairo's PDF unit), text by Pango.
#include "report/document/pdf_writer.hpp"

#include <zoning/error.hpp>
#include <zoning/version.hpp>

#include "render/cairo_util.hpp"
#include "render/page.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace zoning::report::document {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kPageW = 210 * kPtPerMm, kPageH = 297 * kPtPerMm;
constexpr double kMargin = 20 * kPtPerMm;
constexpr double kFooter = 12 * kPtPerMm;  // from the bottom edge: the footer's band
constexpr double kBottom = kPageH - kFooter - 4 * kPtPerMm;  // where the body stops
constexpr double kBodyW = kPageW - 2 * kMargin;
constexpr double kPad = 2.5, kPadV = 1.6;  // table cell padding (pt)
constexpr Rgba kRule{150, 150, 150, 255};
constexpr Rgba kHeaderFill{232, 236, 242, 255};
constexpr Rgba kNote{80, 80, 80, 255};

struct GObjectDeleter {
    void operator()(void* p) const noexcept {
        if (p != nullptr) g_object_unref(p);
    }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
struct FontDeleter {
    void operator()(PangoFontDescription* p) const noexcept {
        if (p != nullptr) pango_font_description_free(p);
    }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontDeleter>;

struct Text {
    double size = 9;
    bool bold = false;
    Align align = Align::left;
    Rgba color = render::kBlack;
    bool center = false;
};

/// Discards the bytes of the counting pass.
cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

/// One layout pass over the document on one surface.
class Pass {
public:
    Pass(cairo_surface_t* s, const std::string& font, const Document& doc, const MapPainter& map, int total)
        : surface_(s), cr_(cairo_create(s)), font_(font), doc_(doc), map_(map), total_(total) {
        render::check(cr_.get(), "creating the report");
        layout_.reset(pango_cairo_create_layout(cr_.get()));
        pango_cairo_context_set_resolution(pango_layout_get_context(layout_.get()), 72);
        pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
        y_ = kMargin;
    }

    int run() {
        for (const Block& b : doc_.blocks) std::visit([this](const auto& v) { block(v); }, b);
        finish_page();
        cr_.reset();
        return page_;
    }

private:
    // ---- text ---------------------------------------------------------------------------------
    /// Sets the layout to `s` in `t` wrapped at `w`; returns its height.
    double set(const std::string& s, const Text& t, double w) {
        pango_cairo_update_layout(cr_.get(), layout_.get());
        FontPtr fd(pango_font_description_new());
        pango_font_description_set_family(fd.get(), font_.c_str());
        pango_font_description_set_absolute_size(fd.get(), t.size * PANGO_SCALE);
        pango_font_description_set_weight(fd.get(), t.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout_.get(), fd.get());
        pango_layout_set_width(layout_.get(), static_cast<int>(w * PANGO_SCALE));
        pango_layout_set_alignment(layout_.get(), t.center ? PANGO_ALIGN_CENTER
                                                  : t.align == Align::right ? PANGO_ALIGN_RIGHT
                                                                            : PANGO_ALIGN_LEFT);
        pango_layout_set_text(layout_.get(), s.c_str(), -1);
        int pw = 0, ph = 0;
        pango_layout_get_size(layout_.get(), &pw, &ph);
        return static_cast<double>(ph) / PANGO_SCALE;
    }
    double height(const std::string& s, const Text& t, double w) { return set(s, t, w); }
    /// Draws `s` at (x, y) top-left, wrapped at `w`; returns its height.
    double draw(const std::string& s, const Text& t, double x, double y, double w) {
        const double h = set(s, t, w);
        render::set_color(cr_.get(), t.color);
        cairo_move_to(cr_.get(), x, y);
        pango_cairo_show_layout(cr_.get(), layout_.get());
        return h;
    }

    // ---- pages --------------------------------------------------------------------------------
    void ensure_page() {
        if (open_) return;
        open_ = true;
        ++page_;
        cairo_pdf_surface_set_size(surface_, kPageW, kPageH);
        y_ = kMargin;
    }
    void footer(double w, double h) {
        const double y = h - kFooter;
        render::set_color(cr_.get(), kRule);
        cairo_set_line_width(cr_.get(), 0.5);
        cairo_move_to(cr_.get(), kMargin, y);
        cairo_line_to(cr_.get(), w - kMargin, y);
        cairo_stroke(cr_.get());
        const Text small{7.5, false, Align::left, kNote};
        draw(doc_.footer, small, kMargin, y + 3, (w - 2 * kMargin) * 0.7);
        char buf[96];
        std::snprintf(buf, sizeof buf, doc_.page_of.c_str(), page_, std::max(total_, page_));
        draw(buf, {7.5, false, Align::right, kNote}, kMargin, y + 3, w - 2 * kMargin);
    }
    void finish_page() {
        if (!open_) return;
        footer(kPageW, kPageH);
        cairo_show_page(cr_.get());
        render::check(cr_.get(), "drawing the report");
        open_ = false;
    }
    void new_page() {
        finish_page();
        ensure_page();
    }
    /// Starts a new page unless `h` more points fit on this one.
    void need(double h) {
        ensure_page();
        if (y_ + h > kBottom && y_ > kMargin + 1) new_page();
    }

    // ---- blocks -------------------------------------------------------------------------------
    void block(const Heading& h) {
        ensure_page();
        if (h.level == 0) {  // the document's title, on the cover
            y_ = kMargin + 40 * kPtPerMm;
            y_ += draw(h.text, {24, true, Align::left, render::kBlack, true}, kMargin, y_, kBodyW);
            y_ += 6;
            y_ += draw(doc_.project, {15, false, Align::left, render::kBlack, true}, kMargin, y_, kBodyW);
            y_ += 14 * kPtPerMm;
            return;
        }
        const Text t{h.level == 1 ? 14.0 : 10.5, true};
        const double th = height(h.text, t, kBodyW);
        need(th + 60);  // a heading stays with what follows it
        if (y_ > kMargin + 1) y_ += h.level == 1 ? 10 : 6;
        y_ += draw(h.text, t, kMargin, y_, kBodyW) + 4;
    }

    void block(const Paragraph& p) {
        const Text t{p.small ? 8.0 : 9.5, false, Align::left, p.small ? kNote : render::kBlack};
        const double h = height(p.text, t, kBodyW);
        need(h);
        y_ += draw(p.text, t, kMargin, y_, kBodyW) + 5;
    }

    void block(const Fields& f) {
        const double label_w = 32 * kPtPerMm;
        const Text label{11, true}, value{11};
        for (const auto& [k, v] : f.items) {
            const double h = std::max(height(k, label, label_w), height(v, value, kBodyW - label_w));
            need(h);
            draw(k, label, kMargin + 10 * kPtPerMm, y_, label_w);
            draw(v, value, kMargin + 10 * kPtPerMm + label_w, y_, kBodyW - label_w - 10 * kPtPerMm);
            y_ += h + 5;
        }
        y_ += 4;
    }

    void block(const VerdictBanner& b) {
        const double h = 34 * kPtPerMm;
        need(h);
        const PageRect box{kMargin + 25 * kPtPerMm, y_, kBodyW - 50 * kPtPerMm, h};
        const Rgba c = render::verdict_color(b.verdict);
        cairo_set_line_width(cr_.get(), 2);
        render::set_color(cr_.get(), c);
        cairo_rectangle(cr_.get(), box.x, box.y, box.w, box.h);
        cairo_stroke(cr_.get());
        draw(b.caption, {11, true, Align::left, kNote, true}, box.x, box.y + 8, box.w);
        draw(b.text, {40, true, Align::left, c, true}, box.x, box.y + 28, box.w);
        y_ += h + 14;
    }

    /// The 审查意见 in a frame; a long one goes on over the page, framed on each.
    void block(const Opinion& o) {
        constexpr double kIn = 4 * kPtPerMm;  // the frame's inner margin
        const double w = kBodyW - 2 * kIn;
        const Text cap{10.5, true}, body{9.5};
        const double ch = height(o.caption, cap, w);
        const double first = o.paragraphs.empty() ? 0 : height(o.paragraphs.front(), body, w);
        need(ch + first + 3 * kIn);
        double top = y_;
        auto frame = [&](double bottom) {
            render::set_color(cr_.get(), render::kBlack);
            cairo_set_line_width(cr_.get(), 0.8);
            cairo_rectangle(cr_.get(), kMargin, top, kBodyW, bottom - top);
            cairo_stroke(cr_.get());
        };
        y_ += kIn;
        y_ += draw(o.caption, cap, kMargin + kIn, y_, w) + 4;
        for (const std::string& p : o.paragraphs) {
            const double h = height(p, body, w);
            if (y_ + h + kIn > kBottom) {
                frame(y_ + kIn / 2);
                new_page();
                top = y_;
                y_ += kIn;
            }
            y_ += draw(p, body, kMargin + kIn, y_, w) + 4;
        }
        frame(y_ + kIn - 4);
        y_ += kIn + 10;
    }

    void block(const PageBreak&) {
        if (open_ && y_ > kMargin + 1) finish_page();
    }

    void block(const MapFigure& m) {
        if (!map_) return;
        finish_page();
        ++page_;
        open_ = false;
        cairo_pdf_surface_set_size(surface_, kPageH, kPageW);  // landscape
        cairo_save(cr_.get());
        const std::string note = map_(cr_.get(), kPageH, kPageW);
        cairo_restore(cr_.get());
        draw(m.caption + (note.empty() ? "" : " · " + note), {7.5, false, Align::left, kNote}, 10 * kPtPerMm,
             kPageW - 6 * kPtPerMm, kPageH * 0.7);
        char buf[96];
        std::snprintf(buf, sizeof buf, doc_.page_of.c_str(), page_, std::max(total_, page_));
        draw(buf, {7.5, false, Align::right, kNote}, kPageH / 2, kPageW - 6 * kPtPerMm, kPageH / 2 - 10 * kPtPerMm);
        cairo_show_page(cr_.get());
        render::check(cr_.get(), "drawing the report's map");
    }

    void block(const Signature& s) {
        const double h = 24 * kPtPerMm;
        need(h);
        y_ += 12 * kPtPerMm;
        const double w = kBodyW / static_cast<double>(std::max<size_t>(1, s.items.size()));
        double x = kMargin;
        for (const auto& [k, v] : s.items) {
            draw(k + (k.empty() ? "" : "："), {11, true}, x, y_, 18 * kPtPerMm);
            draw(v, {11}, x + 16 * kPtPerMm, y_, w - 18 * kPtPerMm);
            render::set_color(cr_.get(), render::kBlack);
            cairo_set_line_width(cr_.get(), 0.6);
            cairo_move_to(cr_.get(), x + 15 * kPtPerMm, y_ + 16);
            cairo_line_to(cr_.get(), x + w - 6 * kPtPerMm, y_ + 16);
            cairo_stroke(cr_.get());
            x += w;
        }
        y_ += 12 * kPtPerMm;
    }

    // ---- tables -------------------------------------------------------------------------------
    std::vector<double> widths(const Table& t) const {
        double sum = 0;
        for (const Column& c : t.columns) sum += c.weight;
        std::vector<double> w;
        for (const Column& c : t.columns) w.push_back(kBodyW * t.width * c.weight / sum);
        return w;
    }

    double row_height(const std::vector<std::string>& cells, const std::vector<double>& w, const Text& t) {
        double h = 0;
        for (size_t i = 0; i < cells.size() && i < w.size(); ++i) {
            h = std::max(h, height(cells[i], t, w[i] - 2 * kPad));
        }
        return h + 2 * kPadV;
    }

    void draw_row(const std::vector<std::string>& cells, const std::vector<double>& w, const Table& t, const Row* row,
                  bool header) {
        const Text base{header ? 7.5 : 7.8, header || (row != nullptr && row->subtotal)};
        const double h = row_height(cells, w, base);
        if (header) {
            render::set_color(cr_.get(), kHeaderFill);
            cairo_rectangle(cr_.get(), kMargin, y_, kBodyW * t.width, h);
            cairo_fill(cr_.get());
        }
        double x = kMargin;
        for (size_t i = 0; i < cells.size() && i < w.size(); ++i) {
            Text tx = base;
            tx.align = t.columns[i].align;
            if (!header && row != nullptr && row->verdict && static_cast<int>(i) == t.verdict_column) {
                tx.color = render::verdict_color(*row->verdict);
                tx.bold = true;
            }
            draw(cells[i], tx, x + kPad, y_ + kPadV, w[i] - 2 * kPad);
            x += w[i];
        }
        render::set_color(cr_.get(), kRule);
        cairo_set_line_width(cr_.get(), header ? 0.7 : 0.3);
        cairo_move_to(cr_.get(), kMargin, y_ + h);
        cairo_line_to(cr_.get(), kMargin + kBodyW * t.width, y_ + h);
        cairo_stroke(cr_.get());
        y_ += h;
    }

    void header_row(const Table& t, const std::vector<double>& w, bool continued) {
        if (!t.caption.empty()) {
            const std::string cap = t.caption + (continued ? (doc_.page_of.rfind("第", 0) == 0 ? "（续）" : " (continued)") : "");
            y_ += draw(cap, {9.5, true}, kMargin, y_, kBodyW) + 3;
        }
        std::vector<std::string> titles;
        for (const Column& c : t.columns) titles.push_back(c.title);
        render::set_color(cr_.get(), kRule);
        cairo_set_line_width(cr_.get(), 0.7);
        cairo_move_to(cr_.get(), kMargin, y_);
        cairo_line_to(cr_.get(), kMargin + kBodyW * t.width, y_);
        cairo_stroke(cr_.get());
        draw_row(titles, w, t, nullptr, true);
    }

    void block(const Table& t) {
        const std::vector<double> w = widths(t);
        std::vector<std::string> titles;
        for (const Column& c : t.columns) titles.push_back(c.title);
        const Text body{7.8, false};
        const double head = (t.caption.empty() ? 0 : height(t.caption, {9.5, true}, kBodyW) + 3) +
                            row_height(titles, w, {7.5, true});
        const double first = t.rows.empty() ? 0 : row_height(t.rows.front().cells, w, body);
        need(head + first);
        header_row(t, w, false);
        for (const Row& r : t.rows) {
            const double h = row_height(r.cells, w, {7.8, r.subtotal});
            if (y_ + h > kBottom) {
                new_page();
                header_row(t, w, true);
            }
            draw_row(r.cells, w, t, &r, false);
        }
        y_ += 10;
    }

    cairo_surface_t* surface_;
    render::CairoPtr cr_;
    LayoutPtr layout_;
    const std::string& font_;
    const Document& doc_;
    const MapPainter& map_;
    int total_ = 0;
    int page_ = 0;
    bool open_ = false;
    double y_ = 0;
};

}  // namespace

int PdfWriter::write(const Document& doc, const std::filesystem::path& file, const std::string& shown_name) const {
    int total = 0;
    {
        render::SurfacePtr s(cairo_pdf_surface_create_for_stream(discard, nullptr, kPageW, kPageH));
        render::check(s.get(), "laying out the report");
        total = Pass(s.get(), font_, doc, map_, 0).run();
        cairo_surface_finish(s.get());
    }
    render::SurfacePtr s(cairo_pdf_surface_create(file.c_str(), kPageW, kPageH));
    render::check(s.get(), shown_name + ": cannot create the PDF");
    cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_TITLE, (doc.project + " " + doc.title).c_str());
    cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATOR, ("zoning " + std::string(kVersion)).c_str());
    // The report's date, not the clock's: the same report twice is the same file.
    if (doc.date.size() == 10) {
        cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATE_DATE, (doc.date + "T00:00:00").c_str());
    }
    const int pages = Pass(s.get(), font_, doc, map_, total).run();
    cairo_surface_finish(s.get());
    render::check_written(s.get(), shown_name);
    return pages;
}

}  // namespace zoning::report::document
