<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: the citation item of each page, for the metadata in its head
  (page.xsl: Highwire citation_*, Dublin Core, COinS, and here schema.org JSON-LD and
  OpenGraph) and for the "Cite" dialog (assets/cite.js reads it from the page).

  A division's page is a chapter: its record from teikit.cite.records when it has one, else
  a chapter item made from the edition's (its label as title, its printed pages). Every
  other page (title page, contents, registers, entity pages, search, downloads) describes
  the edition, a book.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!--* The edition's citation item (from teikit.cite, else from the header). -->
  <xsl:variable name="tk:edition-item" as="map(*)" select="
      let $e := tk:citation('edition') return if (map:size($e) gt 0) then $e else tk:header-item()"/>

  <!--* A unit's citation item: its chapter record, else one made from the edition's. -->
  <xsl:function name="tk:unit-citation" as="map(*)">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="record" select="$unit/@xml:id ! tk:citation(string(.))[map:size(.) gt 0]"/>
    <xsl:variable name="range" select="tk:page-range($unit)"/>
    <!-- a collection's document is by its own authors (a letter by its writer: "Cite" on a
         Schnitzler letter named no one), not by the collection's -->
    <xsl:variable name="authors" select="$unit/ancestor-or-self::tei:TEI[1][parent::tei:teiCorpus]
        /tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author[normalize-space()]"/>
    <xsl:sequence select="if (exists($record)) then $record else map:merge((
        map{'id': string(($tk:edition-item?id, 'edition')[1]) || '-' || replace(tk:unit-file($unit), '\.html$', ''),
            'type': 'chapter', 'title': tk:label($unit), 'container-title': string($tk:edition-item?title)},
        if ($range) then map{'page': $range} else (),
        if (exists($authors)) then map{'author': array{$authors ! tk:csl-name(tk:person-name(.))}} else (),
        map:remove($tk:edition-item, ('id', 'type', 'title', 'container-title', 'page', 'number')))
      )"/>
  </xsl:function>

  <!--* A CSL name from "Family, Given" (one comma), else the name as written. -->
  <xsl:function name="tk:csl-name" as="map(*)">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="parts" select="tokenize($name, ',\s*')"/>
    <xsl:sequence select="if (count($parts) eq 2 and $parts[1] and $parts[2])
        then map{'family': $parts[1], 'given': $parts[2]} else map{'literal': $name}"/>
  </xsl:function>

  <!--* schema.org JSON-LD for a citation item: a Book, or a Chapter that is part of one. -->
  <xsl:function name="tk:json-ld" as="element()">
    <xsl:param name="item" as="map(*)"/>
    <xsl:variable name="chapter" select="$item?type = 'chapter'"/>
    <xsl:variable name="pages" select="tokenize(string($item?page), '[-–]')"/>
    <xsl:variable name="common" select="map:merge((
        if (exists($item?author)) then map{'author': tk:ld-people($item?author)} else (),
        if (exists($item?translator)) then map{'translator': tk:ld-people($item?translator)} else (),
        if ($item?language) then map{'inLanguage': string($item?language)} else (),
        if ($item?custom?license) then map{'license': string($item?custom?license)} else ()))"/>
    <xsl:variable name="book" select="map:merge((
        map{'@type': 'Book', 'name': string(if ($chapter) then $item?container-title else $item?title)},
        if ($item?publisher) then map{'publisher': map{'@type': 'Organization', 'name': string($item?publisher)}} else (),
        if (tk:csl-date($item?issued)) then map{'datePublished': tk:csl-date($item?issued)} else (),
        if ($item?ISBN) then map{'isbn': string($item?ISBN)} else (),
        if ($item?version) then map{'version': string($item?version)} else (),
        if ($chapter) then () else $common))"/>
    <xsl:variable name="ld" select="if (not($chapter)) then map:put($book, '@context', 'https://schema.org')
        else map:merge((
          map{'@context': 'https://schema.org', '@type': 'Chapter', 'name': string($item?title), 'isPartOf': $book},
          if ($item?chapter-number) then map{'position': string($item?chapter-number)} else (),
          if ($item?page) then map{'pagination': string($item?page)} else (),
          if ($pages[1]) then map{'pageStart': $pages[1]} else (),
          if ($pages[2]) then map{'pageEnd': $pages[2]} else (),
          $common))"/>
    <script type="application/ld+json"><xsl:value-of select="serialize($ld, map{'method': 'json'})"/></script>
  </xsl:function>

  <xsl:function name="tk:ld-people" as="array(*)">
    <xsl:param name="names" as="array(*)"/>
    <xsl:sequence select="array{ array:flatten($names) ! map{'@type': 'Person',
        'name': string-join((?given, ?family, ?literal)[.], ' ')} }"/>
  </xsl:function>

  <!--* The page's item and the edition's, as JSON for the Cite dialog (assets/cite.js). -->
  <xsl:function name="tk:citation-script" as="element()">
    <xsl:param name="item" as="map(*)"/>
    <script type="application/json" id="tk-citation"><xsl:value-of select="serialize(
        map{'item': $item, 'edition': $tk:edition-item}, map{'method': 'json'})"/></script>
  </xsl:function>
</xsl:stylesheet>
