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
    <xsl:variable name="inline" select="tk:dict-inline(.)"/>
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-' || local-name() || (if (self::tei:entry or self::tei:entryFree or self::tei:superEntry)
          then ' dict-entry' else '') || (if ($inline) then ' only' else '')"/>
      <xsl:call-template name="tk:id"/>
      <!-- (not when the dictionary printed the number itself: <sense n="1"><num>1.</num>, read "1. 1.") -->
      <xsl:if test="self::tei:sense and count(../tei:sense) gt 1 and not(tk:prints-number(.))">
        <span class="sense-number tk-generated"><xsl:value-of select="(@n[normalize-space()], count(preceding-sibling::tei:sense) + 1)[1]"/>.</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:call-template name="tk:spaced"/>
      <!-- the punctuation closing this block ("</sense> <pc>;</pc>") ends its last line, rather
           than standing on a line of its own between two blocks -->
      <xsl:apply-templates select="tk:absorbed-pc(.)"/>
    </xsl:element>
  </xsl:template>

  <!--* Does this entry part read on its parent's line: an entry's only sense (a short bilingual
        entry) reads on the headword's line. -->
  <xsl:function name="tk:dict-inline" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::tei:sense) and count($e/../tei:sense) = 1 and not(tk:holds-block($e))
        and exists($e/../(tei:form | tei:gramGrp)) and empty($e/../(tei:hom | tei:re))"/>
  </xsl:function>

  <!--* The closing punctuation mark right after a block of an entry (only white space between),
        which the block shows at its end: tk:spaced leaves it out where it stands. -->
  <xsl:function name="tk:absorbed-pc" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (tk:dict-inline($e) or not($e/parent::*[self::tei:entry or self::tei:entryFree
        or self::tei:superEntry or self::tei:re or self::tei:hom or self::tei:sense])) then ()
        else $e/following-sibling::node()[not(self::text()[not(normalize-space())] or self::comment())][1][tk:closing-pc(.)]"/>
  </xsl:function>

  <!-- Phrases of an entry. -->
  <xsl:template match="tei:form | tei:orth | tei:pron | tei:hyph | tei:syll | tei:stress | tei:gramGrp | tei:gram
                       | tei:pos | tei:gen | tei:number | tei:case | tei:per | tei:tns | tei:mood | tei:subc | tei:iType
                       | tei:colloc | tei:def | tei:usg | tei:lbl | tei:xr | tei:etym | tei:oRef | tei:oVar | tei:pRef
                       | tei:pVar">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name() || (@type ! (' type-' || .))"/>
      <xsl:call-template name="tk:id"/>
      <!-- a usage label in parentheses, unless the dictionary wrote them: in it, or around it
           (the last pc before it opens one: <pc>(</pc><lbl>oft</lbl><usg>emotional</usg><pc>)</pc>) -->
      <xsl:variable name="brackets" select="self::tei:usg and not(starts-with(normalize-space(), '('))
          and not(preceding-sibling::tei:pc[1][ends-with(normalize-space(), '(')])"/>
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

  <!--* Does this sense begin with the number the dictionary printed (a num, or a label that is
        a number or letter: "1.", "b)", "II")? -->
  <xsl:function name="tk:prints-number" as="xs:boolean">
    <xsl:param name="sense" as="element()"/>
    <xsl:variable name="first" select="$sense/node()[not(self::text()[not(normalize-space())] or self::comment())][1]"/>
    <xsl:sequence select="exists($first[self::tei:num or self::tei:lbl[matches(normalize-space(), '^\(?[\p{N}\p{L}]{1,4}[.):]?$')]])"/>
  </xsl:function>

  <!--* Is this node a punctuation mark that closes what stands before it (",", ";", "."): no
        space before it, neither the indentation of the source nor one the stylesheet adds. -->
  <xsl:function name="tk:closing-pc" as="xs:boolean">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="exists($n[self::tei:pc][matches(normalize-space(), '^[,;:.!?\)\]]')])"/>
  </xsl:function>

  <!--* Is this node a punctuation mark that opens what follows ("(", "["): no space after it. -->
  <xsl:function name="tk:opening-pc" as="xs:boolean">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="exists($n[self::tei:pc][matches(normalize-space(), '[\(\[]$')])"/>
  </xsl:function>

  <!--* The children of an element, with a space between two elements that no text separates. -->
  <xsl:template name="tk:spaced">
    <xsl:for-each select="node()[not(self::tei:pc and (let $pc := . return (preceding-sibling::*[1][self::tei:entry
        or self::tei:entryFree or self::tei:superEntry or self::tei:re or self::tei:hom or self::tei:sense]
        ! tk:absorbed-pc(.)) is $pc))]">
      <xsl:if test="self::* and preceding-sibling::node()[1][self::*] and not(self::tei:cit[not(@type = 'example')][preceding-sibling::*[1][self::tei:cit[not(@type = 'example')]]])
          and not(tk:closing-pc(.)) and not(tk:opening-pc(preceding-sibling::node()[1]))">
        <xsl:text> </xsl:text>
      </xsl:if>
      <!-- (the white space indenting two translations: the ";" between them takes its place;
           the white space indenting a closing punctuation mark, or the end of a form before
           one: <form>\n <orth>aider</orth>\n </form>\n <pc>,</pc> reads "aider,", not "aider ,") -->
      <xsl:if test="not(self::text()[not(normalize-space())][following-sibling::*[1][self::tei:cit[not(@type = 'example')]]
          [preceding-sibling::*[1][self::tei:cit[not(@type = 'example')]]]])
          and not(self::text()[not(normalize-space())][tk:closing-pc(following-sibling::node()[1])])
          and not(self::text()[not(normalize-space())][empty(preceding-sibling::node()) or empty(following-sibling::node())
              or tk:opening-pc(preceding-sibling::node()[1])])">
        <xsl:apply-templates select="."/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
