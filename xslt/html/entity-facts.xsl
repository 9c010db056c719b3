<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: what the reading edition says about an entity in a line (its dates and
  a one-line description, for entity pages and for the cards names show on hover and focus,
  written to entities-data.js), and which of its mentions it lists and counts.

  Everything comes from the register entry: birth/death/floruit (their @when, @from/@to,
  @notBefore/@notAfter, else their text), an event's or a relation's dates; the description
  is the entry's first note of type index/description/short/bio, else occupation, desc,
  state, trait, note, else where a place is. Nothing here knows one edition.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!--* The mentions an entity's page lists and counts, as the CSV counts them
        (teikit.build.csv_tables): names (persName, placeName, orgName, rs, name) whose first
        local pointer names it, outside the printed index (a div of type index). -->
  <xsl:function name="tk:text-mentions" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tk:named-by-first-pointer($e)[not(ancestor::tei:div[@type = 'index'])]"/>
  </xsl:function>

  <!--* The same names in the printed index (its entries for the entity). -->
  <xsl:function name="tk:index-mentions" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tk:named-by-first-pointer($e)[ancestor::tei:div[@type = 'index']]"/>
  </xsl:function>

  <xsl:function name="tk:named-by-first-pointer" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="ref" select="'#' || $e/@xml:id"/>
    <xsl:sequence select="tk:mentions-of($e)[self::tei:persName or self::tei:placeName or self::tei:orgName
        or self::tei:rs or self::tei:name][(tokenize(@ref)[starts-with(., '#') and string-length(.) gt 1])[1] = $ref]"/>
  </xsl:function>

  <!--* A date element's value as a reader reads it: its year(s) from the attributes, else its
        text. A birth or death without dating attributes of its own is dated by the date it
        holds (letters editions' <birth><date when="1874-02-01">…</date><settlement>…): its
        place and coordinates are not its date. -->
  <xsl:function name="tk:date-value" as="xs:string">
    <xsl:param name="given" as="element()?"/>
    <xsl:variable name="dated" select="$given/(@when | @from | @to | @notBefore | @notAfter)"/>
    <xsl:variable name="d" select="if (empty($given) or exists($dated) or empty($given/tei:date)) then $given
        else ($given/tei:date[@when or @from or @to or @notBefore or @notAfter], $given/tei:date)[1]"/>
    <xsl:variable name="year" select="function($v) { if (matches($v, '^-?\d{4}')) then replace($v, '^(-?\d{4}).*$', '$1') else string($v) }"/>
    <xsl:sequence select="
        if (empty($d)) then ''
        else if ($d/@when) then $year($d/@when)
        else if ($d/@from or $d/@to) then string-join(($d/@from, $d/@to) ! $year(.), '–')
        else if ($d/@notBefore or $d/@notAfter) then string-join(($d/@notBefore, $d/@notAfter) ! $year(.), '–')
        else tk:plain($d)"/>
  </xsl:function>

  <!--* An entity's dates in one line: "1879–1940", "fl. 1920", an event's date. -->
  <xsl:function name="tk:entity-dates" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="birth" select="tk:date-value(($e/tei:birth)[1])"/>
    <xsl:variable name="death" select="tk:date-value(($e/tei:death)[1])"/>
    <xsl:variable name="floruit" select="tk:date-value(($e/tei:floruit)[1])"/>
    <xsl:variable name="own" select="if ($e/self::tei:event or $e/self::tei:org) then
        (tk:date-value($e[@when or @from or @to or @notBefore or @notAfter]), tk:date-value(($e/tei:date)[1]))[.][1] else ''"/>
    <xsl:sequence select="
        if ($birth or $death) then $birth || '–' || $death
        else if ($floruit) then 'fl. ' || $floruit
        else string($own)"/>
  </xsl:function>

  <!--* An entity's description in one line (at most about 160 characters). -->
  <xsl:function name="tk:entity-description" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="source" select="(
        $e/tei:note[@type = ('index', 'description', 'short', 'bio', 'biography')],
        $e/tei:occupation, $e/tei:desc, $e/tei:state, $e/tei:trait, $e/tei:note[not(@type = ('name', 'indexing'))],
        $e/tei:location/(tei:settlement, tei:region, tei:country, tei:desc))[normalize-space()][1]"/>
    <xsl:variable name="text" select="tk:plain($source)"/>
    <xsl:sequence select="if (string-length($text) le 160) then $text
        else tk:before-last-space(substring($text, 1, 160)) || '…'"/>
  </xsl:function>

  <!--* entities-data.js: entity page -> [name, dates, description, register, mentions],
        for the cards (assets/entities.js). -->
  <xsl:template name="tk:entities-data">
    <xsl:if test="tk:my-file('entities-data.js')">
    <xsl:result-document href="entities-data.js" method="text" encoding="UTF-8">
      <xsl:text>window.TK_ENTITIES = </xsl:text>
      <xsl:value-of select="serialize(map:merge($tk:entities ! map{tk:entity-file(.): [
          tk:entity-name(.), tk:entity-dates(.), tk:entity-description(.), tk:s(tk:register-of(.)),
          tk:mention-count(.)]}, map{'duplicates': 'use-first'}),
          map{'method': 'json'})"/>
      <xsl:text>;&#10;</xsl:text>
    </xsl:result-document>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
