<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit common layer: import this one file from an entry stylesheet (xsl:import), then
  override what your format needs. It decides what TEI elements *mean*; the formats decide
  how they look. Functions and variables are in the tk: namespace (urn:teikit:xslt).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all">
  <xsl:include href="units.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="entities.xsl"/>
  <xsl:include href="metadata.xsl"/>
  <xsl:include href="languages.xsl"/>
  <xsl:include href="strings.xsl"/>
</xsl:stylesheet>
