<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: correspondence. A letter is a TEI document whose header describes it
  with correspDesc (sender, addressee, places and date in correspAction sent/received); in
  a collection edition (teiCorpus) every member may be one. A header with several
  correspDesc (a CMIF file) describes a letter with each: each is a letter of the index, linked
  to where its @ref says it is published, and the document's page lists them. The same reading as Python's
  teikit.letters (letters.csv, CSL-JSON items of type letter): tests/build/test_letters.py
  compares them.

  Gives: letters.html (every letter by date, then by correspondent and by place), on each
  letter's first page the previous and next letter in time and in the same correspondence,
  and on a person's page the letters they wrote and received.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit:xslt"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- The letters (each described by a correspDesc) in order of their date (undated last),
       then of the documents. -->
  <xsl:variable name="tk:letters" as="element(tei:correspDesc)*">
    <xsl:perform-sort select="$tk:doc//tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc">
      <xsl:sort select="tk:letter-date(.) = ''"/>
      <xsl:sort select="tk:letter-date(.)"/>
    </xsl:perform-sort>
  </xsl:variable>

  <!-- Lookups made once for the run (maps by generate-id and key), so that each letter's
       neighbours, a letter's page and a person's letters cost the same whatever the number of
       letters: scanning the letters for each of them made 1,000 letters 30 times slower
       than 100. -->
  <xsl:variable name="tk:letter-positions" as="map(xs:string, xs:integer)" select="map:merge(
      for $i in 1 to count($tk:letters) return map{generate-id($tk:letters[$i]): $i})"/>
  <xsl:variable name="tk:letter-files" as="map(xs:string, xs:string)" select="map:merge(
      $tk:units ! map{generate-id(ancestor-or-self::tei:TEI[1]): tk:unit-file(.)}, map{'duplicates': 'use-first'})"/>
  <xsl:variable name="tk:correspondences" as="map(xs:string, element(tei:correspDesc)*)" select="map:merge(
      $tk:letters ! map{tk:correspondence(.): .}, map{'duplicates': 'combine'})"/>
  <xsl:variable name="tk:correspondence-positions" as="map(xs:string, xs:integer)" select="map:merge(
      for $key in map:keys($tk:correspondences)
      return let $letters := $tk:correspondences($key)
             return for $i in 1 to count($letters) return map{generate-id($letters[$i]): $i})"/>
  <xsl:variable name="tk:letters-by-party" as="map(xs:string, map(xs:string, element(tei:correspDesc)*))" select="map{
      'sent': map:merge($tk:letters ! (for $l in . return distinct-values(tk:letter-parties($l, 'sent') ! tk:party-key(.))
          ! map{.: $l}), map{'duplicates': 'combine'}),
      'received': map:merge($tk:letters ! (for $l in . return distinct-values(tk:letter-parties($l, 'received') ! tk:party-key(.))
          ! map{.: $l}), map{'duplicates': 'combine'})}"/>

  <!--* The letters a document describes (its header's correspDesc). -->
  <xsl:function name="tk:member-letters" as="element(tei:correspDesc)*">
    <xsl:param name="member" as="element(tei:TEI)?"/>
    <xsl:sequence select="$member/tei:teiHeader/tei:profileDesc/tei:correspDesc"/>
  </xsl:function>

  <!--* The letter a document is: its correspDesc when it describes one alone. -->
  <xsl:function name="tk:member-letter" as="element(tei:correspDesc)?">
    <xsl:param name="member" as="element(tei:TEI)?"/>
    <xsl:variable name="letters" select="tk:member-letters($member)"/>
    <xsl:sequence select="$letters[count($letters) = 1]"/>
  </xsl:function>

  <!--* Is this letter one of several its document describes (a CMIF file's)? -->
  <xsl:function name="tk:letter-among-several" as="xs:boolean">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:sequence select="exists($letter/(preceding-sibling::tei:correspDesc | following-sibling::tei:correspDesc))"/>
  </xsl:function>

  <!--* The action of a kind (sent, received) of a letter. -->
  <xsl:function name="tk:letter-action" as="element(tei:correspAction)?">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="$letter/tei:correspAction[@type = $type][1]"/>
  </xsl:function>

  <!--* The ISO value of a date: @when, else the earliest it can be (@notBefore, @from), else
        the latest (@notAfter, @to); '' when it has none. -->
  <xsl:function name="tk:date-iso" as="xs:string">
    <xsl:param name="date" as="element(tei:date)?"/>
    <xsl:sequence select="normalize-space(($date/@when, $date/@notBefore, $date/@from, $date/@notAfter,
        $date/@to)[normalize-space()][1])"/>
  </xsl:function>

  <!--* A date element without words of its own, written from its attributes: the day, else
        the span it lies in ("1810-07-11–1810-07-18"), with "?" when its @cert is low, medium
        or unknown (as teikit.letters.date_written). -->
  <xsl:function name="tk:date-written" as="xs:string">
    <xsl:param name="date" as="element(tei:date)?"/>
    <xsl:variable name="start" select="normalize-space(($date/@notBefore, $date/@from)[normalize-space()][1])"/>
    <xsl:variable name="end" select="normalize-space(($date/@notAfter, $date/@to)[normalize-space()][1])"/>
    <xsl:variable name="span" select="if ($start = $end) then $start else $start || '–' || $end"/>
    <xsl:variable name="when" select="(normalize-space($date/@when)[. != ''], $span)[1]"/>
    <xsl:sequence select="if ($when != '' and $date/@cert = ('low', 'medium', 'unknown')) then $when || '?' else $when"/>
  </xsl:function>

  <!--* The date that dates a letter: the date sent, else (only the arrival known) the date
        received; as teikit.letters reads it. -->
  <xsl:function name="tk:letter-date-element" as="element(tei:date)?">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:sequence select="(tk:letter-action($letter, 'sent')/tei:date[1], tk:letter-action($letter, 'received')/tei:date[1])
        [tk:date-iso(.) != '' or tk:plain(.) != ''][1]"/>
  </xsl:function>

  <!--* The ISO date of a letter, '' when undated. -->
  <xsl:function name="tk:letter-date" as="xs:string">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:sequence select="tk:date-iso(tk:letter-date-element($letter))"/>
  </xsl:function>

  <!--* The date as the letter's description writes it (else its ISO value, else "undated"),
        said to be the date received when it is. -->
  <xsl:function name="tk:letter-date-text" as="xs:string">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:variable name="date" select="tk:letter-date-element($letter)"/>
    <xsl:variable name="text" select="(tk:plain($date)[. != ''], tk:date-written($date)[. != ''], tk:s('undated'))[1]"/>
    <xsl:sequence select="if ($date/parent::tei:correspAction/@type = 'received')
        then $text || ' (' || tk:s('received') || ')' else $text"/>
  </xsl:function>

  <!--* The people (or organisations) of an action. -->
  <xsl:function name="tk:letter-parties" as="element()*">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:param name="type" as="xs:string"/>
    <!-- A name's own @type says its side where an edition puts both in one action
         (<correspAction type="sent"><persName type="addressee">…): as teikit.letters reads it. -->
    <xsl:variable name="mine" select="if ($type = 'sent') then $tk:sender-roles else $tk:addressee-roles"/>
    <xsl:variable name="theirs" select="if ($type = 'sent') then $tk:addressee-roles else $tk:sender-roles"/>
    <xsl:sequence select="$letter/tei:correspAction/(tei:persName | tei:orgName | tei:name)
        [@type = $mine or (../@type = $type and not(@type = $theirs))]"/>
  </xsl:function>
  <xsl:variable name="tk:sender-roles" as="xs:string*" select="('sender', 'author', 'writer')"/>
  <xsl:variable name="tk:addressee-roles" as="xs:string*" select="('addressee', 'recipient', 'receiver')"/>

  <!--* A party's key: the ID its @ref names, else its name. -->
  <xsl:function name="tk:party-key" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="ref" select="tokenize($party/@ref)[1]"/>
    <xsl:sequence select="if ($ref) then replace($ref, '^.*#', '') else tk:plain($party)"/>
  </xsl:function>

  <!--* What a name (or a place) of a letter's description says, else (an empty
        <persName ref="#BS"/> naming a person of the header's particDesc) the name of the entry
        its @ref points at; as teikit.letters reads it. -->
  <xsl:function name="tk:party-name" as="xs:string">
    <xsl:param name="party" as="element()?"/>
    <xsl:variable name="own" select="tk:plain($party)"/>
    <xsl:variable name="ref" select="tokenize($party/@ref)[1][starts-with(., '#')]"/>
    <xsl:sequence select="if ($own != '' or not($ref)) then $own
        else tk:plain(tk:target($ref)[self::tei:person or self::tei:personGrp or self::tei:org or self::tei:place]
            /(tei:persName | tei:orgName | tei:placeName | tei:name)[1])"/>
  </xsl:function>

  <!--* The key of a correspondence: its two sides, in a fixed order. -->
  <xsl:function name="tk:correspondence" as="xs:string">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:variable name="sides" select="(string-join(sort(tk:letter-parties($letter, 'sent') ! tk:party-key(.)), '+'),
        string-join(sort(tk:letter-parties($letter, 'received') ! tk:party-key(.)), '+'))"/>
    <xsl:sequence select="string-join(sort($sides), ' | ')"/>
  </xsl:function>

  <!--* The page a letter opens on: the file of its document's first unit. -->
  <xsl:function name="tk:letter-file" as="xs:string?">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:sequence select="$tk:letter-files(generate-id($letter/ancestor::tei:TEI[1]))"/>
  </xsl:function>

  <!-- The divisions that say which letter they hold (<div decls="#letter1">: an anthology
       of letters in one file, as the correspondence SIG's examples encode it), by the IDs of
       the correspDesc they point at. -->
  <xsl:key name="tk:letter-divs" match="tei:div[@decls] | tei:div1[@decls] | tei:div2[@decls] | tei:div3[@decls]"
      use="tokenize(@decls)[starts-with(., '#')] ! substring(., 2)"/>

  <!--* The division that holds the text of a letter among several its document describes. -->
  <xsl:function name="tk:letter-div" as="element()?">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:sequence select="if ($letter/@xml:id and tk:letter-among-several($letter))
        then key('tk:letter-divs', string($letter/@xml:id), root($letter))[ancestor::tei:TEI[1] is $letter/ancestor::tei:TEI[1]][1]
        else ()"/>
  </xsl:function>

  <!--* The letter a division holds (its @decls points at one of several correspDesc). -->
  <xsl:function name="tk:div-letter" as="element(tei:correspDesc)?">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="(tokenize($div/@decls)[starts-with(., '#')] ! tk:target(.))
        [self::tei:correspDesc][tk:letter-among-several(.)][1]"/>
  </xsl:function>

  <!--* The anchor of a letter's division on its page. -->
  <xsl:function name="tk:letter-div-href" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if (tk:is-unit($div)) then tk:unit-file($div)
        else tk:unit-file(tk:unit-of($div)) || '#' || ($div/@xml:id, tk:block-id($div))[1]"/>
  </xsl:function>

  <!--* Where a letter among several its document describes is published (its @ref). -->
  <xsl:function name="tk:letter-url" as="xs:string?">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:sequence select="tokenize($letter/@ref)[1][matches(., '^https?://')]"/>
  </xsl:function>

  <xsl:function name="tk:letter-title" as="xs:string">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <!-- its own title (level "a", or type "main") before the first, which in a letters
         edition often names the series ("Briefwechsel mit Autorinnen und Autoren"); a letter
         among several its document describes has none of its own (the title is the file's) -->
    <xsl:variable name="titles" select="$letter[not(tk:letter-among-several(.))]/ancestor::tei:TEI[1]
        /tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="(tk:plain(($titles[@level = 'a' or @type = 'main'], $titles)[1])[. != ''],
        string-join(tk:letter-parties($letter, 'sent') ! tk:party-name(.), ', ') || ' → '
        || string-join(tk:letter-parties($letter, 'received') ! tk:party-name(.), ', '))[1]"/>
  </xsl:function>

  <!--* A link to a letter (one among several its document describes: to where it is
        published, else to the document), or its title when it has no page. -->
  <xsl:template name="tk:letter-link">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:variable name="file" select="tk:letter-file($letter)"/>
    <xsl:variable name="url" select="tk:letter-url($letter)[tk:letter-among-several($letter)]"/>
    <xsl:variable name="div" select="tk:letter-div($letter)"/>
    <xsl:choose>
      <xsl:when test="exists($div)"><a href="{tk:letter-div-href($div)}"><xsl:value-of select="tk:letter-title($letter)"/></a></xsl:when>
      <xsl:when test="$url"><a class="external" href="{iri-to-uri($url)}"><xsl:value-of select="tk:letter-title($letter)"/></a></xsl:when>
      <xsl:when test="$file"><a href="{$file}"><xsl:value-of select="tk:letter-title($letter)"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="tk:letter-title($letter)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--* Names of the parties of an action, linked to their entity pages where they have one. -->
  <xsl:template name="tk:parties">
    <xsl:param name="parties" as="element()*"/>
    <xsl:for-each select="$parties">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:variable name="entity" select="tk:target(tokenize(@ref)[1])[tk:register-of(.) != '']"/>
      <!-- a name the edition identifies only by an authority's URI (GND, VIAF), no register
           entry of its own: a link to the authority -->
      <xsl:variable name="authority" select="tokenize(@ref)[1][matches(., '^https?://')]"/>
      <xsl:choose>
        <xsl:when test="exists($entity)"><a href="{tk:entity-file($entity)}"><xsl:value-of select="tk:party-name(.)"/></a></xsl:when>
        <xsl:when test="$authority"><a class="external" href="{iri-to-uri($authority)}"><xsl:value-of select="tk:party-name(.)"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="tk:party-name(.)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="tk:letters-page">
    <xsl:if test="exists($tk:letters)">
      <xsl:call-template name="tk:write-page">
        <xsl:with-param name="file" select="'letters.html'"/>
        <xsl:with-param name="title" select="tk:s('letters')"/>
        <xsl:with-param name="kind" select="'letters'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match=".[. = 'letters']" mode="tk:page-content">
    <h1><xsl:value-of select="tk:s('letters')"/></h1>
    <p class="letters-ways">
      <a href="#by-date"><xsl:value-of select="tk:s('by-date')"/></a> ·
      <a href="#by-correspondent"><xsl:value-of select="tk:s('by-correspondent')"/></a> ·
      <a href="#by-place"><xsl:value-of select="tk:s('by-place')"/></a>
    </p>
    <!-- (the table's scrolling box, focusable for the keyboard, is a named group: a second
         region of the section's name made two landmarks "By date" for a screen reader) -->
    <section id="by-date" aria-labelledby="by-date-heading">
      <h2 id="by-date-heading"><xsl:value-of select="tk:s('by-date')"/></h2>
      <div class="table-wrap" tabindex="0" role="group" aria-labelledby="by-date-heading">
      <table class="letters">
        <thead><tr>
          <th scope="col"><xsl:value-of select="tk:s('date')"/></th>
          <th scope="col"><xsl:value-of select="tk:s('from')"/></th>
          <th scope="col"><xsl:value-of select="tk:s('to')"/></th>
          <th scope="col"><xsl:value-of select="tk:s('place')"/></th>
          <th scope="col"><xsl:value-of select="tk:s('letter')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$tk:letters">
            <xsl:call-template name="tk:letter-row"/>
          </xsl:for-each>
        </tbody>
      </table>
      </div>
    </section>
    <section id="by-correspondent" aria-labelledby="by-correspondent-heading">
      <h2 id="by-correspondent-heading"><xsl:value-of select="tk:s('by-correspondent')"/></h2>
      <!-- one group for each person (the register's entry, or the authority's URI, a name
           names; else the name as written), so that one correspondent written two ways
           ("Johannes Oskar Tillich", "Johannes Tillich") is one group, and two of one name two;
           headed by the name its first letter gives, linked to the person's page -->
      <xsl:for-each-group select="$tk:letters" group-by="distinct-values((tk:letter-parties(., 'sent'),
          tk:letter-parties(., 'received')) ! tk:party-key(.))">
        <xsl:sort select="lower-case(tk:party-name((current-group() ! (tk:letter-parties(., 'sent'),
            tk:letter-parties(., 'received'))[tk:party-key(.) = current-grouping-key()])[1]))"/>
        <xsl:variable name="party" select="(current-group() ! (tk:letter-parties(., 'sent'), tk:letter-parties(., 'received'))
            [tk:party-key(.) = current-grouping-key()])[1]"/>
        <h3><xsl:call-template name="tk:parties"><xsl:with-param name="parties" select="$party"/></xsl:call-template></h3>
        <ul class="letter-list">
          <xsl:for-each select="current-group()">
            <li><xsl:value-of select="tk:letter-date-text(.)"/>: <xsl:call-template name="tk:letter-link"><xsl:with-param name="letter" select="."/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </xsl:for-each-group>
    </section>
    <section id="by-place" aria-labelledby="by-place-heading">
      <h2 id="by-place-heading"><xsl:value-of select="tk:s('by-place')"/></h2>
      <xsl:for-each-group select="$tk:letters" group-by="(tk:party-name(tk:letter-action(., 'sent')/tei:placeName[1])[. != ''], tk:s('unknown-place'))[1]">
        <xsl:sort select="current-grouping-key() = tk:s('unknown-place')"/>
        <xsl:sort select="lower-case(current-grouping-key())"/>
        <h3><xsl:value-of select="current-grouping-key()"/></h3>
        <ul class="letter-list">
          <xsl:for-each select="current-group()">
            <li><xsl:value-of select="tk:letter-date-text(.)"/>: <xsl:call-template name="tk:letter-link"><xsl:with-param name="letter" select="."/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </xsl:for-each-group>
    </section>
  </xsl:template>

  <!--* A letter as a row of the table by date (the context item). -->
  <xsl:template name="tk:letter-row">
    <!-- (data-label: each cell's column, which a phone shows before it, the row laid out as a
         card with the letter's title first: the title, a link to the letter, was the fifth
         column, off the screen of a phone at 375 px) -->
    <tr data-date="{tk:letter-date(.)}">
      <td data-label="{tk:s('date')}"><xsl:value-of select="tk:letter-date-text(.)"/></td>
      <td data-label="{tk:s('from')}"><xsl:call-template name="tk:parties"><xsl:with-param name="parties" select="tk:letter-parties(., 'sent')"/></xsl:call-template></td>
      <td data-label="{tk:s('to')}"><xsl:call-template name="tk:parties"><xsl:with-param name="parties" select="tk:letter-parties(., 'received')"/></xsl:call-template></td>
      <td data-label="{tk:s('place')}"><xsl:value-of select="tk:party-name(tk:letter-action(., 'sent')/tei:placeName[1])"/></td>
      <td><xsl:call-template name="tk:letter-link"><xsl:with-param name="letter" select="."/></xsl:call-template>
        <!-- the edition it is printed in (a CMIF file's correspDesc/@source: a bibl of its sourceDesc) -->
        <xsl:for-each select="tk:plain(tk:target(tokenize(@source)[1]))[. != '']">
          <br/><small class="letter-source"><xsl:value-of select="."/></small>
        </xsl:for-each>
      </td>
    </tr>
  </xsl:template>

  <!--* What a letter's description says (from whom, where, to whom, when), on its first page;
        on the first page of a document that describes several letters, a table of them. -->
  <xsl:template name="tk:letter-meta">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="member" select="$unit/ancestor-or-self::tei:TEI[1]"/>
    <xsl:variable name="letter" select="tk:member-letter($member)"/>
    <xsl:variable name="several" select="tk:member-letters($member)[tk:letter-among-several(.)]"/>
    <xsl:if test="exists($several) and tk:letter-file($several[1]) = tk:unit-file($unit)">
      <section class="letters-described" aria-labelledby="letters-described-heading">
        <h2 id="letters-described-heading"><xsl:value-of select="tk:s('letters-described')"/> (<xsl:value-of select="count($several)"/>)</h2>
        <div class="table-wrap" tabindex="0" role="group" aria-labelledby="letters-described-heading">
          <table class="letters">
            <thead><tr>
              <th scope="col"><xsl:value-of select="tk:s('date')"/></th>
              <th scope="col"><xsl:value-of select="tk:s('from')"/></th>
              <th scope="col"><xsl:value-of select="tk:s('to')"/></th>
              <th scope="col"><xsl:value-of select="tk:s('place')"/></th>
              <th scope="col"><xsl:value-of select="tk:s('letter')"/></th>
            </tr></thead>
            <tbody>
              <xsl:for-each select="$several"><xsl:call-template name="tk:letter-row"/></xsl:for-each>
            </tbody>
          </table>
        </div>
      </section>
    </xsl:if>
    <xsl:if test="exists($letter) and tk:letter-file($letter) = tk:unit-file($unit)">
      <xsl:call-template name="tk:letter-meta-line"><xsl:with-param name="letter" select="$letter"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!--* From whom (where) to whom (where), when: one letter's description in a line. -->
  <xsl:template name="tk:letter-meta-line">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
      <p class="letter-meta">
        <xsl:value-of select="tk:s('from')"/><xsl:text> </xsl:text>
        <xsl:call-template name="tk:parties"><xsl:with-param name="parties" select="tk:letter-parties($letter, 'sent')"/></xsl:call-template>
        <xsl:for-each select="tk:party-name(tk:letter-action($letter, 'sent')/tei:placeName[1])[. != '']"> (<xsl:value-of select="."/>)</xsl:for-each>
        <xsl:text> </xsl:text><xsl:value-of select="lower-case(tk:s('to'))"/><xsl:text> </xsl:text>
        <xsl:call-template name="tk:parties"><xsl:with-param name="parties" select="tk:letter-parties($letter, 'received')"/></xsl:call-template>
        <xsl:for-each select="tk:party-name(tk:letter-action($letter, 'received')/tei:placeName[1])[. != '']"> (<xsl:value-of select="."/>)</xsl:for-each>
        <xsl:for-each select="tk:letter-date-text($letter)">, <xsl:value-of select="."/></xsl:for-each>
      </p>
  </xsl:template>

  <!--* On a letter's first page: the previous and next letter in time, and in the same
        correspondence (the same two sides). Nothing on other pages. -->
  <xsl:template name="tk:letter-nav">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="letter" select="tk:member-letter($unit/ancestor-or-self::tei:TEI[1])"/>
    <xsl:if test="empty($letter) and $unit/tei:head">  <!-- the letters a document describes -->
      <xsl:call-template name="tk:letter-meta"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="exists($letter) and tk:letter-file($letter) = tk:unit-file($unit)">
      <xsl:variable name="i" select="$tk:letter-positions(generate-id($letter))"/>
      <xsl:variable name="same" select="$tk:correspondences(tk:correspondence($letter))"/>
      <xsl:variable name="j" select="$tk:correspondence-positions(generate-id($letter))"/>
      <xsl:if test="$unit/tei:head">  <!-- else said under the page's title (tk:letter-meta) -->
        <xsl:call-template name="tk:letter-meta"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
      </xsl:if>
      <nav class="letter-nav" aria-label="{tk:s('letters')}">
        <ul>
          <xsl:call-template name="tk:neighbour">
            <xsl:with-param name="label" select="tk:s('previous-letter')"/>
            <xsl:with-param name="computed" select="$tk:letters[$i - 1]"/>
            <xsl:with-param name="stated" select="tk:stated-neighbours($letter, 'prev', false())"/>
          </xsl:call-template>
          <xsl:call-template name="tk:neighbour">
            <xsl:with-param name="label" select="tk:s('next-letter')"/>
            <xsl:with-param name="computed" select="$tk:letters[$i + 1]"/>
            <xsl:with-param name="stated" select="tk:stated-neighbours($letter, 'next', false())"/>
          </xsl:call-template>
          <xsl:call-template name="tk:neighbour">
            <xsl:with-param name="label" select="tk:s('previous-in-correspondence')"/>
            <xsl:with-param name="computed" select="$same[$j - 1]"/>
            <xsl:with-param name="stated" select="tk:stated-neighbours($letter, 'prev', true())"/>
          </xsl:call-template>
          <xsl:call-template name="tk:neighbour">
            <xsl:with-param name="label" select="tk:s('next-in-correspondence')"/>
            <xsl:with-param name="computed" select="$same[$j + 1]"/>
            <xsl:with-param name="stated" select="tk:stated-neighbours($letter, 'next', true())"/>
          </xsl:call-template>
          <li><a href="letters.html"><xsl:value-of select="tk:s('all-letters')"/></a></li>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!--* One of a letter's neighbours: the one its own description names (correspContext), when
        this edition holds it; else the one worked out from the dates (in the edition, or in
        the same correspondence); else the named one as its description writes it (a letter
        not in this edition: its words, linked when the pointer is a web address). -->
  <xsl:template name="tk:neighbour">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="computed" as="element(tei:correspDesc)?"/>
    <xsl:param name="stated" as="element()*"/>
    <xsl:variable name="held" select="($stated ! tk:stated-letter(.))[1]"/>
    <xsl:variable name="elsewhere" select="$stated[1]"/>
    <xsl:choose>
      <xsl:when test="exists($held) or exists($computed)">
        <li><xsl:value-of select="$label"/>: <xsl:call-template name="tk:letter-link">
          <xsl:with-param name="letter" select="($held, $computed)[1]"/></xsl:call-template></li>
      </xsl:when>
      <xsl:when test="exists($elsewhere)">
        <xsl:variable name="target" select="tokenize(normalize-space($elsewhere/@target))[1]"/>
        <xsl:variable name="words" select="(tk:plain($elsewhere)[. != ''], $target)[1]"/>
        <li class="letter-elsewhere"><xsl:value-of select="$label"/>: <xsl:choose>
          <xsl:when test="matches($target, '^https?://')"><a class="external" href="{iri-to-uri($target)}"><xsl:value-of select="$words"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$words"/></xsl:otherwise>
        </xsl:choose></li>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!--* The neighbours a letter's description names: the ref (ptr) of its correspContext whose
        @type or @subtype says the letter before ($direction 'prev') or after ('next') it, in
        its correspondence ($in-correspondence) or in the whole edition. Editions write it in
        many ways: type="prev", "previous", "next"; "previous-in-corresp"; type="withinCollection"
        or "withinCorrespondence" with subtype="previous_letter" (belongsToCorrespondence names
        no neighbour). -->
  <xsl:function name="tk:stated-neighbours" as="element()*">
    <xsl:param name="letter" as="element(tei:correspDesc)"/>
    <xsl:param name="direction" as="xs:string"/>
    <xsl:param name="in-correspondence" as="xs:boolean"/>
    <xsl:sequence select="$letter/tei:correspContext/(tei:ref | tei:ptr)[normalize-space(@target)][
        let $words := tokenize(lower-case(string-join((@type, @subtype), ' ')), '[\s_\-]+')
        return (some $w in $words satisfies starts-with($w, $direction))
           and (some $w in $words satisfies contains($w, 'corresp')) = $in-correspondence]"/>
  </xsl:function>

  <!--* The letter a named neighbour points at, when this edition holds it: the document whose
        xml:id or file name the pointer gives ("L00002", "L00002.xml", "#L00002", a web address
        ending in it), or the document holding the element a fragment names ("x.xml#d1"). -->
  <xsl:function name="tk:stated-letter" as="element(tei:correspDesc)?">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="target" select="tokenize(normalize-space($ref/@target))[1]"/>
    <xsl:variable name="fragment" select="substring-after($target, '#')"/>
    <xsl:variable name="name" select="replace(replace(replace($target, '#.*$', ''), '^.*/', ''), '\.xml$', '')"/>
    <xsl:variable name="document" select="(
        if ($name = '' and $fragment) then key('tk:id', $fragment, $tk:doc)[1]/ancestor-or-self::tei:TEI[1] else (),
        if ($name) then (key('tk:id', $name, $tk:doc)[self::tei:TEI], $tk:members-by-name($name)) else ())[1]"/>
    <xsl:sequence select="tk:member-letter($document)"/>
  </xsl:function>

  <!-- A collection's documents by file name without ".xml" (their xml:base). -->
  <xsl:variable name="tk:members-by-name" as="map(xs:string, element(tei:TEI))" select="map:merge(
      $tk:doc/tei:teiCorpus/tei:TEI[@xml:base] ! map{replace(replace(@xml:base, '^.*/', ''), '\.xml$', ''): .},
      map{'duplicates': 'use-first'})"/>

  <!--* On a person's (organisation's) page: the letters they wrote and received. -->
  <xsl:template name="tk:entity-letters">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="id" select="string($entity/@xml:id)"/>
    <xsl:for-each select="('sent', 'received')">
      <xsl:variable name="type" select="."/>
      <xsl:variable name="letters" select="$tk:letters-by-party($type)($id)"/>
      <xsl:if test="exists($letters)">
        <h2><xsl:value-of select="tk:s('letters-' || $type)"/> (<xsl:value-of select="count($letters)"/>)</h2>
        <ul class="letter-list">
          <xsl:for-each select="$letters">
            <li><xsl:value-of select="tk:letter-date-text(.)"/>: <xsl:call-template name="tk:letter-link"><xsl:with-param name="letter" select="."/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
