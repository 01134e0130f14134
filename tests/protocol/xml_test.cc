#include "protocol/xml.h"

#include <string>

#include <gtest/gtest.h>

namespace cloudemu::protocol::xml {
namespace {

Element MustParse(std::string_view text) {
  auto parsed = Parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : Element{};
}

void ExpectMalformed(std::string_view text) {
  auto parsed = Parse(text);
  ASSERT_FALSE(parsed.ok()) << "accepted: " << text;
  EXPECT_EQ(parsed.status().code(), "MalformedXML");
  EXPECT_EQ(parsed.status().http_status(), 400);
}

TEST(XmlParseTest, ElementsAttributesAndText) {
  Element root = MustParse(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
      "  <TagSet>\n"
      "    <Tag><Key>env</Key><Value>prod &amp; test</Value></Tag>\n"
      "    <Tag><Key>team</Key><Value/></Tag>\n"
      "  </TagSet>\n"
      "</Tagging>\n");
  EXPECT_EQ(root.name, "Tagging");
  ASSERT_EQ(root.attributes.size(), 1u);
  EXPECT_EQ(root.attributes[0].first, "xmlns");
  EXPECT_EQ(root.text, "");
  const Element* tag_set = root.Child("TagSet");
  ASSERT_NE(tag_set, nullptr);
  auto tags = tag_set->Children("Tag");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0]->Child("Key")->text, "env");
  EXPECT_EQ(tags[0]->Child("Value")->text, "prod & test");
  EXPECT_EQ(tags[1]->Child("Value")->text, "");
  EXPECT_EQ(root.Child("Missing"), nullptr);
}

TEST(XmlParseTest, PrefixesAreKeptAndLocalNamesMatch) {
  Element root = MustParse(
      "<s3:Grant xmlns:s3=\"urn:x\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<s3:Grantee xsi:type='CanonicalUser'><s3:ID>abc</s3:ID></s3:Grantee></s3:Grant>");
  EXPECT_EQ(root.name, "s3:Grant");
  EXPECT_EQ(root.local_name(), "Grant");
  const Element* grantee = root.Child("Grantee");
  ASSERT_NE(grantee, nullptr);
  ASSERT_NE(grantee->Attribute("type"), nullptr);
  EXPECT_EQ(*grantee->Attribute("type"), "CanonicalUser");
  EXPECT_EQ(grantee->Attribute("nope"), nullptr);
  EXPECT_EQ(grantee->Child("ID")->text, "abc");
}

TEST(XmlParseTest, EntitiesCdataCommentsAndInstructions) {
  Element root = MustParse(
      "<!-- leading comment --><?app hint?>"
      "<a>&lt;&gt;&quot;&apos;&#65;&#x42;&#xe9;&#x1F600;<!-- inside --><![CDATA[<raw & text>]]><?pi x?>end</a>"
      "<!-- trailing -->\n");
  EXPECT_EQ(root.text, "<>\"'AB\xC3\xA9\xF0\x9F\x98\x80<raw & text>end");
}

TEST(XmlParseTest, LineEndingsAreNormalisedButEscapedCarriageReturnsKept) {
  Element root = MustParse("<a>x\r\ny\rz&#13;</a>");
  EXPECT_EQ(root.text, "x\ny\nz\r");
}

TEST(XmlParseTest, WhitespaceTextIsKeptInLeaves) {
  Element root = MustParse("<a><k>  spaced  </k>\n  <e>   </e></a>");
  EXPECT_EQ(root.Child("k")->text, "  spaced  ");
  EXPECT_EQ(root.Child("e")->text, "   ");
  EXPECT_EQ(root.text, "");
}

TEST(XmlParseTest, ByteOrderMarkAndUtf8Text) {
  Element root = MustParse("\xEF\xBB\xBF<a>caf\xC3\xA9</a>");
  EXPECT_EQ(root.text, "caf\xC3\xA9");
}

TEST(XmlParseTest, RejectsMalformedDocuments) {
  ExpectMalformed("");
  ExpectMalformed("   ");
  ExpectMalformed("plain text");
  ExpectMalformed("<a>");
  ExpectMalformed("<a></b>");
  ExpectMalformed("<a><b></a></b>");
  ExpectMalformed("<a></a><b></b>");
  ExpectMalformed("<a></a>trailing");
  ExpectMalformed("<a>&unknown;</a>");
  ExpectMalformed("<a>&amp</a>");
  ExpectMalformed("<a>&#0;</a>");
  ExpectMalformed("<a>&#xD800;</a>");
  ExpectMalformed("<a>&#x110000;</a>");
  ExpectMalformed("<a x=1></a>");
  ExpectMalformed("<a x=\"1\" x=\"2\"></a>");
  ExpectMalformed("<a x=\"<\"></a>");
  ExpectMalformed("<a x=\"1\"y=\"2\"></a>");
  ExpectMalformed("<a><![CDATA[open</a>");
  ExpectMalformed("<a><!-- open</a>");
  ExpectMalformed("<1a></1a>");
  ExpectMalformed("<a>\x01</a>");
  ExpectMalformed("<a>\xC3\x28</a>");   // invalid UTF-8
  ExpectMalformed("<a>\xED\xA0\x80</a>");  // UTF-8 surrogate
  ExpectMalformed("<a></a><?xml version=\"1.0\"?>");
}

TEST(XmlParseTest, RefusesDoctypeAndEntities) {
  ExpectMalformed(
      "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<foo>&xxe;</foo>");
  ExpectMalformed("<!DOCTYPE a><a/>");
  ExpectMalformed("<a><!ENTITY x \"y\"></a>");
}

TEST(XmlParseTest, NestingIsBounded) {
  std::string ok;
  for (int i = 0; i < 100; ++i) ok += "<a>";
  for (int i = 0; i < 100; ++i) ok += "</a>";
  EXPECT_TRUE(Parse(ok).ok());
  std::string deep;
  for (int i = 0; i < 101; ++i) deep += "<a>";
  for (int i = 0; i < 101; ++i) deep += "</a>";
  ExpectMalformed(deep);
  std::string huge(100000, ' ');
  for (int i = 0; i < 100000; ++i) huge += "<a>";
  ExpectMalformed(huge);
}

TEST(XmlEscapeTest, EscapesMarkupAndControlCharacters) {
  EXPECT_EQ(Escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f");
  EXPECT_EQ(Escape("line\nnext\r"), "line&#10;next&#13;");
  EXPECT_EQ(Escape("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(XmlWriterTest, WritesNestedDocument) {
  Writer writer;
  writer.Start("ListBucketResult");
  writer.Attribute("xmlns", "http://s3.amazonaws.com/doc/2006-03-01/");
  writer.Leaf("Name", "b&b");
  writer.Start("Contents");
  writer.Leaf("Key", "a<b");
  writer.End();
  writer.Start("Empty");
  std::string doc = writer.Finish();
  EXPECT_EQ(doc,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b&amp;b</Name>"
            "<Contents><Key>a&lt;b</Key></Contents><Empty></Empty></ListBucketResult>");
}

TEST(XmlWriterTest, RoundTripsThroughParser) {
  std::string nasty = "k\xC3\xA9y <&>\"' \r\n\t end";
  Writer writer(false);
  writer.Start("Root");
  writer.Attribute("attr", nasty);
  writer.Leaf("Key", nasty);
  Element root = MustParse(writer.Finish());
  EXPECT_EQ(root.Child("Key")->text, nasty);
  ASSERT_NE(root.Attribute("attr"), nullptr);
  EXPECT_EQ(*root.Attribute("attr"), nasty);
}

}  // namespace
}  // namespace cloudemu::protocol::xml
