<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit common layer: persons, organisations, places and events, and their mentions.

  An entity is a person/personGrp/org/place/event with an xml:id anywhere in the document
  (standOff, particDesc, settingDesc, ...), or a work: a bibl/biblStruct with an xml:id in a
  listBibl of the standOff (a bibliography register, shown nowhere else; one in the text is
  the text's own and is shown where it stands). A mention is any element in the text whose
  @ref names one ("#pers-stalin"); a work is also cited by @target, @source or @corresp. A
  document without them simply has no registers.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:key name="tk:mentions" match="tei:text//*[@ref]"
      use="tokenize(@ref)[starts-with(., '#')] ! substring(., 2)"/>
  <!-- What cites a work: any pointer of the text to it (a ref, a quote's source, a bibl's
       corresp, a title's ref). Built only when an edition has works. -->
  <xsl:key name="tk:citing" match="tei:text//*[@ref or @target or @source or @corresp]"
      use="distinct-values((@ref, @target, @source, @corresp) ! tokenize(.)[starts-with(., '#')] ! substring(., 2))"/>

  <!-- Register kinds in display order, with the elements that belong to each. -->
  <xsl:variable name="tk:register-kinds" as="xs:string*" select="('persons', 'organizations', 'places', 'events', 'works')"/>

  <!--* The register an entity element belongs to ("" when it is not an entity). -->
  <xsl:function name="tk:register-of" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
        if ($e/self::tei:person or $e/self::tei:personGrp) then 'persons'
        else if ($e/self::tei:org) then 'organizations'
        else if ($e/self::tei:place) then 'places'
        else if ($e/self::tei:event) then 'events'
        else if (($e/self::tei:bibl or $e/self::tei:biblStruct) and $e/parent::tei:listBibl and $e/ancestor::tei:standOff)
          then 'works' else ''"/>
  </xsl:function>

  <xsl:variable name="tk:entities" as="element()*"
      select="$tk:doc//(tei:person | tei:personGrp | tei:org | tei:place | tei:event)[@xml:id]
          | $tk:doc//tei:standOff//tei:listBibl/(tei:bibl | tei:biblStruct)[@xml:id]"/>

  <!-- Each register's entities, sorted once (pages ask for them often). -->
  <xsl:variable name="tk:registers" as="map(xs:string, element()*)" select="map:merge(
      for $k in $tk:register-kinds return map{$k: sort($tk:entities[tk:register-of(.) = $k], (), tk:sort-key#1)})"/>

  <!--* Entities of one register, sorted by how they are filed (tk:sort-key). -->
  <xsl:function name="tk:register" as="element()*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="$tk:registers($kind)"/>
  </xsl:function>

  <!--* How an entity is filed: surname first when the name is structured, accents folded,
        what stands before its first letter or digit left out ("10, Rue Daubigny" under the
        numbers, "„Neue Freie Presse“" under N), so that the order and the letter an entry
        is filed under (tk:initial) agree. -->
  <xsl:function name="tk:sort-key" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="tk:main-name($e)"/>
    <xsl:variable name="sur" select="tk:plain(($name//tei:surname)[1])"/>
    <xsl:variable name="key" select="if ($sur) then $sur || ' ' || string-join($name//tei:forename ! tk:plain(.), ' ')
        else tk:entity-name($e)"/>
    <xsl:sequence select="lower-case(replace(replace(normalize-unicode($key, 'NFD'), '\p{Mn}', ''),
        '^[^\p{L}\p{N}]+', ''))"/>
  </xsl:function>

  <!--* The entity a pointing element names, if any. -->
  <xsl:function name="tk:entity-of" as="element()?">
    <xsl:param name="ref" as="element()"/>
    <xsl:sequence select="tk:target($ref/@ref)[tk:register-of(.) != '']"/>
  </xsl:function>

  <!--* The main name element of an entity (the index form first). -->
  <xsl:function name="tk:main-name" as="element()?">
    <xsl:param name="e" as="element()"/>
    <!-- a work: its title (of the article, else of the book) -->
    <xsl:sequence select="if ($e/self::tei:bibl or $e/self::tei:biblStruct)
        then ($e/tei:analytic/tei:title, $e/tei:monogr/tei:title, $e/tei:title)[1] else (
        $e/tei:persName[@type = 'index'], $e/tei:persName[not(@type)], $e/tei:persName,
        $e/tei:orgName, $e/tei:placeName, $e/tei:label, $e/tei:head, $e/tei:name,
        $e/tei:desc)[1]"/>
  </xsl:function>

  <!--* The display name of an entity ("Stalin, Iosif Vissarionovich"). -->
  <xsl:function name="tk:entity-name" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="tk:plain(tk:main-name($e))"/>
    <!-- a work without a title: its first words -->
    <xsl:variable name="said" select="if ($name or not($e/self::tei:bibl or $e/self::tei:biblStruct)) then ''
        else normalize-space(tk:plain($e))"/>
    <xsl:sequence select="if ($name) then $name
        else if ($said) then (if (string-length($said) le 80) then $said else substring($said, 1, 79) || '…')
        else string($e/@xml:id)"/>
  </xsl:function>

  <!--* The names of an entity other than its main one, for "also known as". -->
  <xsl:function name="tk:other-names" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/(tei:persName | tei:orgName | tei:placeName | tei:name) except tk:main-name($e))"/>
  </xsl:function>

  <!--* What cites a work in the text (tk:citing), in document order. -->
  <xsl:function name="tk:citations" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="key('tk:citing', string($e/@xml:id), $tk:doc)"/>
  </xsl:function>

  <!--* The mentions of an entity in the text, in document order. -->
  <xsl:function name="tk:mentions-of" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="key('tk:mentions', string($e/@xml:id), $tk:doc)"/>
  </xsl:function>

  <!-- Every pointing element (@ref) numbered in document order, once: a map lookup is
       several times cheaper than an accumulator here, and each mention is asked twice. -->
  <xsl:variable name="tk:mention-numbers" as="map(xs:string, xs:integer)" select="
      let $refs := $tk:doc//*[@ref] return map:merge(for $i in 1 to count($refs) return map{generate-id($refs[$i]): $i})"/>

  <!-- The unit each pointing element is in (its index in $tk:units), worked out unit by
       unit: one walk of the text instead of an ancestor search per mention. -->
  <xsl:variable name="tk:mention-units" as="map(xs:string, xs:integer)" select="map:merge(
      for $i in 1 to count($tk:units) return $tk:units[$i]//*[@ref] ! map{generate-id(.): $i})"/>

  <!--* The unit a mention is in (as tk:unit-of, quicker for pointing elements). -->
  <xsl:function name="tk:mention-unit" as="element()?">
    <xsl:param name="m" as="element()"/>
    <xsl:variable name="i" select="$tk:mention-units(generate-id($m))"/>
    <xsl:sequence select="if (exists($i)) then $tk:units[$i] else tk:unit-of($m)"/>
  </xsl:function>

  <!--* The HTML id of a mention: "m" + its running number. -->
  <xsl:function name="tk:mention-id" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:sequence select="'m' || $tk:mention-numbers(generate-id($m))"/>
  </xsl:function>

  <!--* Does $e come from a register file given apart (build -\-register, the project's
        registers)? collection.py marks each list it copies into the standOff with the file's
        name (xml:base). -->
  <xsl:function name="tk:from-register-file" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::*[@xml:base][1][parent::tei:standOff])"/>
  </xsl:function>

  <!-- Every pointer outside the register files (the documents' text and headers): which
       entries of a register file the edition names at all. Built only when it has such files. -->
  <xsl:key name="tk:pointed" match="*[@ref or @target or @source or @corresp or @who][not(tk:from-register-file(.))]"
      use="distinct-values((@ref, @target, @source, @corresp, @who) ! tokenize(.)[starts-with(., '#')] ! substring(., 2))"/>

  <!--* Has $e a page of its own? Every entity the edition itself describes has; an entry of a
        register file given apart (an authority file of thousands of places for a few dozen
        letters) has one only when the edition points at it: the others are shown whole, each
        under its own anchor, on their register's page (docs/collections.md). -->
  <xsl:function name="tk:has-page" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not(tk:from-register-file($e)) or exists(key('tk:pointed', string($e/@xml:id), $tk:doc))"/>
  </xsl:function>

  <!--* Where an entity is shown: its page, else its entry on its register's page. -->
  <xsl:function name="tk:entity-file-for" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (tk:has-page($e)) then tk:file-for-id(string($e/@xml:id))
        else tk:register-of($e) || $tk:page-ext || '#' || $e/@xml:id"/>
  </xsl:function>

  <!-- Entity page files by entity ID, worked out once (every mention links to one). -->
  <xsl:variable name="tk:entity-files" as="map(xs:string, xs:string)" select="map:merge(
      $tk:entities ! map{string(@xml:id): tk:entity-file-for(.)}, map{'duplicates': 'use-first'})"/>

  <!-- The same files by the usual form of a pointer to the entity ("#pers-stalin"): most
       mentions are found with one lookup. -->
  <xsl:variable name="tk:entity-files-by-ref" as="map(xs:string, xs:string)" select="map:merge(
      map:keys($tk:entity-files) ! map{'#' || .: $tk:entity-files(.)})"/>

  <!--* The page file of the entity a pointing element names, if any. -->
  <xsl:function name="tk:entity-file-of" as="xs:string?">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="quick" select="$tk:entity-files-by-ref(string($ref/@ref))"/>
    <xsl:sequence select="if (exists($quick)) then $quick else tk:entity-of($ref) ! tk:entity-file(.)"/>
  </xsl:function>

  <!--* The file of an entity's page. -->
  <xsl:function name="tk:entity-file" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($tk:entity-files(string($e/@xml:id)), tk:entity-file-for($e))[1]"/>
  </xsl:function>

  <!--* Where a local ID is shown: "file#id", or () when nothing shows it. -->
  <xsl:function name="tk:href-of" as="xs:string?">
    <xsl:param name="target" as="element()?"/>
    <xsl:variable name="unit" select="if ($target/self::tei:note) then tk:note-unit($target)
        else if ($target) then tk:unit-of($target) else ()"/>
    <xsl:sequence select="
        if (empty($target)) then ()
        else if (tk:register-of($target) != '') then tk:entity-file($target)
        else if (empty($unit)) then ()
        else if (tk:is-unit($target)) then tk:unit-file($target) || (if ($single-page) then '#' || tk:unit-anchor($target) else '')
        else if ($target/self::tei:note) then tk:unit-file($unit) || '#' || tk:note-id($target)
        else if ($target/self::tei:pb) then tk:unit-file($unit) || '#' || tk:pb-id($target)
        (: a text or division holding units has no anchor of its own: its first unit's page :)
        else if (exists($unit/ancestor::* intersect $target)) then tk:unit-file($unit)
            || (if ($single-page) then '#' || tk:unit-anchor($unit) else '')
        else if ($target/@xml:id) then tk:unit-file($unit) || '#' || $target/@xml:id
        else tk:unit-file($unit)"/>
  </xsl:function>
</xsl:stylesheet>
