<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: ways through the edition besides previous/next: the contents beside the
  text on wide screens, and an A–Z bar over alphabetical lists (a printed index whose
  lists are headed "A", "B", …: their heads become headings the bar links to).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!--* Is this unit listed in the contents? Not the printed title page (the edition has its own). -->
  <xsl:function name="tk:in-contents" as="xs:boolean">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="not(lower-case($unit/@type) = ('titlepage', 'title-page', 'title_page'))"/>
  </xsl:function>

  <!--* How many units the contents beside the text lists at most: all of a book's chapters;
        in a collection of thousands of letters, the units around the current one (the full
        list is toc.html). Listing every unit on every page grew with the square of the
        collection: 1,000 letters made a million links. -->
  <xsl:param name="contents-window" as="xs:integer" select="60"/>

  <!--* The contents beside a unit's text (shown on wide screens only), its own entry marked. -->
  <xsl:template name="tk:contents-aside">
    <xsl:param name="current" as="element()"/>
    <xsl:variable name="count" select="count($tk:units)"/>
    <xsl:variable name="at" select="(tk:unit-position($current), 1)[1]"/>
    <xsl:variable name="half" select="$contents-window idiv 2"/>
    <xsl:variable name="from" select="if ($count le $contents-window) then 1
        else max((1, min(($at - $half, $count - $contents-window + 1))))"/>
    <xsl:variable name="to" select="min(($count, $from + $contents-window - 1))"/>
    <nav class="toc-aside" aria-label="{tk:s('contents')}">
      <p class="toc-aside-title"><a href="toc.html"><xsl:value-of select="tk:s('contents')"/></a></p>
      <ol>
        <xsl:if test="$from gt 1"><li class="toc-more"><a href="toc.html">…</a></li></xsl:if>
        <xsl:for-each select="subsequence($tk:units, $from, $to - $from + 1)[tk:in-contents(.) or . is $current]">
          <li><a href="{tk:href-of(.)}">
            <xsl:if test=". is $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
            <xsl:value-of select="tk:label(.)"/></a></li>
        </xsl:for-each>
        <xsl:if test="$to lt $count"><li class="toc-more"><a href="toc.html">…</a></li></xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <!--* Is this list head a letter of an alphabetical run of lists ("A", "B", "Ch")? Short, and
        one of at least two such heads of lists standing side by side. -->
  <xsl:function name="tk:is-letter-head" as="xs:boolean">
    <xsl:param name="head" as="element(tei:head)"/>
    <xsl:sequence select="tk:is-short-head($head) and exists($head/parent::tei:list)
        and exists($head/../(preceding-sibling::tei:list, following-sibling::tei:list)/tei:head[1][tk:is-short-head(.)])"/>
  </xsl:function>

  <xsl:function name="tk:is-short-head" as="xs:boolean">
    <xsl:param name="head" as="element(tei:head)"/>
    <xsl:variable name="text" select="normalize-space($head)"/>
    <xsl:sequence select="string-length($text) ge 1 and string-length($text) le 3 and not(matches($text, '^\d+\.?$'))"/>
  </xsl:function>

  <!--* The A–Z bar of a unit whose alphabetical lists have letter heads (nothing otherwise). -->
  <xsl:template name="tk:letter-bar">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="heads" select="$unit//tei:list/tei:head[1][tk:is-letter-head(.)]"/>
    <xsl:if test="count($heads) ge 2">
      <nav class="az" aria-label="A–Z">
        <ul><xsl:for-each select="$heads"><li><a href="#{tk:block-id(.)}"><xsl:value-of select="normalize-space(.)"/></a></li></xsl:for-each></ul>
      </nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
