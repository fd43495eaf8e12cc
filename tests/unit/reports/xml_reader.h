// A small, bounded XML reader for the tests: elements, attributes, text and the five predefined
// entities plus numeric character references. Enough to read JUnit XML back; it throws
// std::runtime_error with the byte offset on anything it does not accept.
#pragma once

#include <cctype>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tlsc::reports_test {

struct XmlNode {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::string text;  // concatenated character data directly inside
  std::vector<std::unique_ptr<XmlNode>> children;
  std::vector<const XmlNode*> all(std::string_view child_name) const {
    std::vector<const XmlNode*> out;
    for (const auto& c : children)
      if (c->name == child_name) out.push_back(c.get());
    return out;
  }
};

class XmlReader {
 public:
  static std::unique_ptr<XmlNode> parse(std::string_view s) {
    XmlReader r(s);
    r.skip_prolog();
    auto root = r.element(0);
    r.skip_space();
    if (r.pos_ != s.size()) r.fail("content after the root element");
    return root;
  }

 private:
  explicit XmlReader(std::string_view s) : s_(s) {}
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("xml: byte " + std::to_string(pos_) + ": " + what);
  }
  bool starts(std::string_view t) const { return s_.substr(pos_, t.size()) == t; }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }
  void skip_prolog() {
    skip_space();
    while (starts("<?") || starts("<!--")) {
      const auto end = s_.find(starts("<?") ? "?>" : "-->", pos_);
      if (end == std::string_view::npos) fail("unterminated prolog");
      pos_ = end + (starts("<?") ? 2 : 3);
      skip_space();
    }
  }
  std::string name() {
    const size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-' ||
                                s_[pos_] == '_' || s_[pos_] == ':' || s_[pos_] == '.'))
      ++pos_;
    if (b == pos_) fail("expected a name");
    return std::string(s_.substr(b, pos_ - b));
  }
  std::string decode(std::string_view raw) {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') fail("'<' in character data");
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const size_t semi = raw.find(';', i);
      if (semi == std::string_view::npos || semi - i > 10) fail("bad entity");
      const std::string_view ent = raw.substr(i + 1, semi - i - 1);
      if (ent == "amp") out += '&';
      else if (ent == "lt") out += '<';
      else if (ent == "gt") out += '>';
      else if (ent == "quot") out += '"';
      else if (ent == "apos") out += '\'';
      else if (!ent.empty() && ent[0] == '#') {
        const unsigned long cp = ent.size() > 1 && ent[1] == 'x' ? std::stoul(std::string(ent.substr(2)), nullptr, 16)
                                                                  : std::stoul(std::string(ent.substr(1)));
        if (cp < 0x80) out += static_cast<char>(cp);
        else fail("non-ASCII character reference");
      } else fail("unknown entity");
      i = semi;
    }
    return out;
  }
  std::unique_ptr<XmlNode> element(int depth) {
    if (depth > 32) fail("too deep");
    if (!starts("<")) fail("expected '<'");
    ++pos_;
    auto node = std::make_unique<XmlNode>();
    node->name = name();
    for (;;) {
      skip_space();
      if (starts("/>")) {
        pos_ += 2;
        return node;
      }
      if (starts(">")) {
        ++pos_;
        break;
      }
      std::string key = name();
      skip_space();
      if (!starts("=")) fail("expected '='");
      ++pos_;
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) fail("expected a quote");
      const char q = s_[pos_++];
      const size_t end = s_.find(q, pos_);
      if (end == std::string_view::npos) fail("unterminated attribute");
      if (node->attrs.count(key)) fail("duplicate attribute " + key);
      node->attrs[key] = decode(s_.substr(pos_, end - pos_));
      pos_ = end + 1;
    }
    for (;;) {
      const size_t lt = s_.find('<', pos_);
      if (lt == std::string_view::npos) fail("unterminated element " + node->name);
      node->text += decode(s_.substr(pos_, lt - pos_));
      pos_ = lt;
      if (starts("</")) {
        pos_ += 2;
        if (name() != node->name) fail("mismatched end tag for " + node->name);
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++pos_;
        return node;
      }
      node->children.push_back(element(depth + 1));
    }
  }
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace tlsc::reports_test
