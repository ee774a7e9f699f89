#include "io/yaml_check.hpp"

#include <zoning/error.hpp>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

namespace zoning::io {

namespace {

int line_of(const YAML::Mark& m) { return m.is_null() ? 0 : m.line + 1; }

enum class NodeKind { null, scalar, alias, sequence, mapping };

/// Follows the parser's events with a stack of open collections; each open mapping keeps the
/// keys it has seen with their lines.
class StructureCheck : public YAML::EventHandler {
public:
    explicit StructureCheck(std::string file) : file_(std::move(file)) {}

    void OnDocumentStart(const YAML::Mark&) override {
        ++documents_;
        first_node_ = true;
    }
    void OnDocumentEnd() override {}

    [[nodiscard]] int documents() const noexcept { return documents_; }
    /// The last document read was empty (its root a null).
    [[nodiscard]] bool last_document_empty() const noexcept { return last_empty_; }

    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, NodeKind::null, {}); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string& value) override {
        node(mark, NodeKind::scalar, value);
        if (anchor != YAML::NullAnchor) scalar_anchors_[anchor] = value;
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const bool open = std::any_of(stack_.begin(), stack_.end(),
                                      [&](const Frame& f) { return f.anchor == anchor; });
        if (open) fail(mark, "an alias (*name) used inside the node it names: the document would contain itself");
        auto it = scalar_anchors_.find(anchor);
        if (it != scalar_anchors_.end()) {
            node(mark, NodeKind::scalar, it->second);
        } else {
            node(mark, NodeKind::alias, {});
        }
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        node(mark, NodeKind::sequence, {});
        stack_.push_back(Frame{false, true, {}, anchor});
    }
    void OnSequenceEnd() override { stack_.pop_back(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        node(mark, NodeKind::mapping, {});
        stack_.push_back(Frame{true, true, {}, anchor});
    }
    void OnMapEnd() override { stack_.pop_back(); }

private:
    struct Frame {
        bool mapping = false;
        bool expect_key = true;             ///< the next node of a mapping is a key
        std::map<std::string, int> keys;    ///< key -> line where it first appeared
        YAML::anchor_t anchor = YAML::NullAnchor;
    };

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& reason) const {
        throw CatalogError(file_, line_of(mark), reason);
    }

    /// Every node starts here, before a collection pushes its frame.
    void node(const YAML::Mark& mark, NodeKind kind, const std::string& value) {
        if (first_node_) {
            first_node_ = false;
            last_empty_ = kind == NodeKind::null;
            if (documents_ > 1 && kind != NodeKind::null) {
                fail(mark, "a second YAML document (after '---'): a catalog is one document");
            }
        }
        if (stack_.empty() || !stack_.back().mapping) return;
        Frame& f = stack_.back();
        f.expect_key = !f.expect_key;
        if (!f.expect_key) key(f, mark, kind, value);  // this node was the key
    }

    void key(Frame& f, const YAML::Mark& mark, NodeKind kind, const std::string& value) const {
        switch (kind) {
            case NodeKind::scalar: break;
            case NodeKind::null: fail(mark, "a key with no name (empty, null or ~)");
            case NodeKind::alias: fail(mark, "a key must be a single name, not an alias of a list or mapping");
            case NodeKind::sequence: fail(mark, "a key must be a single name, not a list");
            case NodeKind::mapping: fail(mark, "a key must be a single name, not a mapping");
        }
        const int line = line_of(mark);
        const auto [it, inserted] = f.keys.emplace(value, line);
        if (!inserted) {
            fail(mark, "duplicate key '" + value + "' (first at line " + std::to_string(it->second) + ")");
        }
    }

    std::string file_;
    std::vector<Frame> stack_;
    std::map<YAML::anchor_t, std::string> scalar_anchors_;
    int documents_ = 0;
    bool first_node_ = false;
    bool last_empty_ = false;
};

}  // namespace

void check_yaml_structure(const std::string& text, const std::string& file) {
    std::istringstream in(text);
    StructureCheck check(file);
    try {
        YAML::Parser parser(in);
        // Two empty documents in a row end the reading: yaml-cpp 0.7 returns the same empty
        // document for ever when a token it cannot place (a ',' at the top) stops it
        // (jbeder/yaml-cpp#1040; found by tests/fuzz/fuzz_catalog).
        int empty_in_a_row = 0;
        while (parser.HandleNextDocument(check)) {
            empty_in_a_row = check.last_document_empty() ? empty_in_a_row + 1 : 0;
            if (empty_in_a_row >= 2) break;
        }
    } catch (const YAML::Exception& e) {
        throw CatalogError(file, e.mark.is_null() ? 0 : e.mark.line + 1, "invalid YAML: " + e.msg);
    }
}

}  // namespace zoning::io
