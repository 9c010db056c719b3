<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: dictionaries (TEI "Dictionaries": FreeDict, lex-0, retro-digitised
  dictionaries). An entry is a block: its headword (the orth of its first form) in bold,
  grammar in italics, each sense on a line of its own (numbered when there are several),
  translations in running text separated by ";", an example in italics followed by its
  translation, usage labels in parentheses, etymology in brackets, a cross-reference after
  an arrow (brackets and arrows are drawn by the stylesheet). Dictionaries are encoded with no
  white space between elements (<orth>aada</orth><pos>n.</pos>): a space is put between two
  elements that nothing separates, so that "aada n." is not read "aadan.".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- Blocks: an entry and what stands in it as a part of its own. -->
  <xsl:template match="tei:entry | tei:entryFree | tei:superEntry | tei:re | tei:hom | tei:sense">
    <!-- an entry's only sense (a short bilingual entry) reads on the headword's line -->
    <xsl:variable name="inline" select="self::tei:sense and count(../tei:sense) = 1 and not(tk:holds-block(.))
        and exists(../(tei:form | tei:gramGrp)) and empty(../(tei:hom | tei:re))"/>
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-' || local-name() || (if (self::tei:entry or self::tei:entryFree or self::tei:superEntry)
          then ' dict-entry' else '') || (if ($inline) then ' only' else '')"/>
      <xsl:call-template name="tk:id"/>
      <xsl:if test="self::tei:sense and count(../tei:sense) gt 1">
        <span class="sense-number tk-generated"><xsl:value-of select="(@n[normalize-space()], count(preceding-sibling::tei:sense) + 1)[1]"/>.</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:call-template name="tk:spaced"/>
    </xsl:element>
  </xsl:template>

  <!-- Phrases of an entry. -->
  <xsl:template match="tei:form | tei:orth | tei:pron | tei:hyph | tei:syll | tei:stress | tei:gramGrp | tei:gram
                       | tei:pos | tei:gen | tei:number | tei:case | tei:per | tei:tns | tei:mood | tei:subc | tei:iType
                       | tei:colloc | tei:def | tei:usg | tei:lbl | tei:xr | tei:etym | tei:oRef | tei:oVar | tei:pRef
                       | tei:pVar">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name() || (@type ! (' type-' || .))"/>
      <xsl:call-template name="tk:id"/>
      <!-- a usage label in parentheses, unless the dictionary wrote them -->
      <xsl:variable name="brackets" select="self::tei:usg and not(starts-with(normalize-space(), '('))"/>
      <xsl:if test="$brackets">(</xsl:if>
      <xsl:call-template name="tk:spaced"/>
      <xsl:if test="$brackets">)</xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- A translation or example in an entry: running text, the translations of a sense
       separated by ";" (the text.xsl template makes a cit a block only when it holds one). -->
  <xsl:template match="tei:cit[ancestor::tei:entry or ancestor::tei:entryFree or ancestor::tei:superEntry]" priority="1">
    <xsl:if test="preceding-sibling::*[1][self::tei:cit[not(@type = 'example')]] and not(@type = 'example') and not(normalize-space(string-join(
        preceding-sibling::node()[. >> current()/preceding-sibling::*[1]], '')))">
      <xsl:text>; </xsl:text>
    </xsl:if>
    <xsl:element name="{if (tk:has-block-child(.)) then 'blockquote' else 'span'}">
      <xsl:attribute name="class" select="'tei-cit' || (@type ! (' type-' || .))"/>
      <xsl:call-template name="tk:id"/>
      <xsl:call-template name="tk:spaced"/>
    </xsl:element>
  </xsl:template>

  <!--* The children of an element, with a space between two elements that no text separates. -->
  <xsl:template name="tk:spaced">
    <xsl:for-each select="node()">
      <xsl:if test="self::* and preceding-sibling::node()[1][self::*] and not(self::tei:cit[not(@type = 'example')][preceding-sibling::*[1][self::tei:cit[not(@type = 'example')]]])">
        <xsl:text> </xsl:text>
      </xsl:if>
      <!-- (the white space indenting two translations: the ";" between them takes its place) -->
      <xsl:if test="not(self::text()[not(normalize-space())][following-sibling::*[1][self::tei:cit[not(@type = 'example')]]
          [preceding-sibling::*[1][self::tei:cit[not(@type = 'example')]]]])">
        <xsl:apply-templates select="."/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
