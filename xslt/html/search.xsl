<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: the search page and the documents of the search index.

  The stylesheet writes search-docs.json: every text block as a reader reads it (note
  markers, hidden readings and notes left out, a space wherever a line, page or block
  breaks), where it is shown (page#anchor), its unit and the entities it mentions, plus
  every entity's names (so another name of a person finds that person). Python
  (teikit.build.search_index) turns it into the prebuilt index search-index.js that
  assets/search.js queries in the browser.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:template name="tk:search-page">
    <xsl:call-template name="tk:write-page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="tk:s('search')"/>
      <xsl:with-param name="scripts" select="('search-index.js', 'assets/search.js')"/>
      <xsl:with-param name="kind" select="'search'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[. = 'search']" mode="tk:page-content">
    <h1><xsl:value-of select="tk:s('search')"/></h1>
    <form id="search-form" class="search-form" action="search.html" method="get" role="search">
      <label for="search-input"><xsl:value-of select="tk:s('search-label')"/></label>
      <input id="search-input" name="q" type="search" autocomplete="off" aria-describedby="search-help"/>
      <xsl:if test="count($tk:units) gt 1">
        <label for="search-unit"><xsl:value-of select="tk:s('search-in')"/></label>
        <select id="search-unit" name="in">
          <option value=""><xsl:value-of select="tk:s('search-everywhere')"/></option>
          <xsl:for-each select="$tk:units">
            <option value="{tk:unit-file(.)}"><xsl:value-of select="tk:label(.)"/></option>
          </xsl:for-each>
        </select>
      </xsl:if>
      <button type="submit"><xsl:value-of select="tk:s('search')"/></button>
    </form>
    <p id="search-help" class="search-help"><xsl:value-of select="tk:s('search-help')"/></p>
    <!-- without JavaScript the form finds nothing (the index is searched by assets/search.js):
         the reader is told so, and given the ways in that need none -->
    <noscript>
      <div class="search-no-script">
        <p><xsl:value-of select="tk:s('search-no-script')"/></p>
        <ul>
          <li><a href="toc.html"><xsl:value-of select="tk:s('contents')"/></a></li>
          <xsl:for-each select="$tk:register-kinds[exists(tk:register(.))]">
            <li><a href="{.}.html"><xsl:value-of select="tk:s(.)"/></a></li>
          </xsl:for-each>
          <xsl:if test="exists($tk:letters)"><li><a href="letters.html"><xsl:value-of select="tk:s('letters')"/></a></li></xsl:if>
          <xsl:if test="exists($tk:page-breaks)"><li><a href="pages.html"><xsl:value-of select="tk:s('pages')"/></a></li></xsl:if>
        </ul>
      </div>
    </noscript>
    <div id="search-entities" class="search-entities"></div>
    <p id="search-status" aria-live="polite"></p>
    <ol id="search-results" class="search-results"></ol>
    <nav id="search-pager" class="search-pager" aria-label="{tk:s('result-pages')}" hidden="hidden"></nav>
  </xsl:template>

  <!--* The blocks the search index holds: the smallest text-bearing blocks of every unit. -->
  <xsl:function name="tk:search-blocks" as="element()*">
    <xsl:param name="unit" as="element()"/>
    <!-- (an utterance or its segments, a dictionary entry, a transcription's line: speech,
         dictionaries and genetic editions hold no paragraphs, and were not searched at all) -->
    <xsl:sequence select="$unit//(tei:p | tei:l | tei:head | tei:item | tei:cell | tei:ab | tei:note
        | tei:biblStruct | tei:bibl | tei:stage | tei:speaker | tei:u | tei:seg[parent::tei:u] | tei:entry
        | tei:entryFree | tei:line)
        [empty(descendant::*[self::tei:p or self::tei:l or self::tei:ab or self::tei:item or self::tei:cell
                             or self::tei:seg[parent::tei:u] or self::tei:entry or self::tei:entryFree or self::tei:line])]
        [empty(ancestor::*[self::tei:biblStruct or self::tei:bibl])]"/>
  </xsl:function>

  <!-- Elements read as blocks of their own: a space stands either side of their text. -->
  <xsl:variable name="tk:search-breaks" as="map(xs:string, xs:boolean)" select="map:merge((
      'p', 'ab', 'l', 'lg', 'item', 'list', 'head', 'label', 'cell', 'row', 'table', 'sp', 'speaker',
      'figure', 'figDesc', 'lem', 'rdg', 'line', 'zone', 'opener', 'closer', 'dateline', 'salute',
      'signed', 'byline', 'argument', 'epigraph', 'trailer', 'docTitle', 'titlePart', 'docAuthor',
      'docImprint', 'docDate', 'bibl', 'biblStruct', 'monogr', 'analytic', 'imprint',
      'u', 'entry', 'entryFree', 'superEntry', 're', 'hom', 'form', 'orth', 'pron', 'gramGrp', 'gram', 'pos',
      'gen', 'number', 'sense', 'cit', 'def', 'usg', 'lbl', 'xr', 'etym') ! map{.: true()})"/>

  <!--* The text of a block as the search index holds it: see the header. -->
  <xsl:function name="tk:search-text" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="normalize-space(string-join(tk:search-parts($block/node()), ''))"/>
  </xsl:function>

  <xsl:function name="tk:search-parts" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each select="$nodes">
      <xsl:choose>
        <xsl:when test=". instance of text()"><xsl:sequence select="string(.)"/></xsl:when>
        <xsl:when test=". instance of element()">
          <xsl:choose>
            <!-- not what the reader reads here: notes, hidden readings, running heads -->
            <xsl:when test="self::tei:note or self::tei:fw"/>
            <xsl:when test="(self::tei:sic or self::tei:orig or self::tei:abbr)
                            and (parent::tei:choice or exists(tk:paired-reading(.)))"/>
            <!-- a line, column or page break: a word ends, unless it says it does not -->
            <xsl:when test="self::tei:lb or self::tei:pb or self::tei:cb">
              <xsl:sequence select="if (@break = 'no') then '' else ' '"/>
            </xsl:when>
            <!-- a note marker is not a word of the text -->
            <xsl:when test="(self::tei:ref or self::tei:ptr or self::tei:anchor) and exists(tk:note-of-marker(.))"/>
            <xsl:when test="map:contains($tk:search-breaks, local-name())">
              <xsl:sequence select="(' ', tk:search-parts(node()), ' ')"/>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="tk:search-parts(node())"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!--* Where a block is shown: its own anchor, else the nearest element around it that has one
        (on the ancestor axis [1] is the nearest). -->
  <xsl:function name="tk:search-anchor" as="xs:string?">
    <xsl:param name="block" as="element()"/>
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="holder" select="$block/ancestor-or-self::*[@xml:id or tk:is-anchored-block(.)]
        [not(self::tei:note)][. is $unit or exists(ancestor::*[. is $unit])][1]"/>
    <xsl:sequence select="
        if ($block/self::tei:note[ancestor::tei:person or ancestor::tei:personGrp or ancestor::tei:place
            or ancestor::tei:org or ancestor::tei:event]) then $block/@xml:id ! string(.)
        else if ($block/self::tei:note) then tk:note-id($block)
        else if (empty($holder) or $holder is $unit) then ()
        else tk:block-id(tk:heading-block($holder))"/>
  </xsl:function>

  <!--* The note a continuation (@prev) is shown with, at the end of its chain: the search
        result leads there (the continuation has no anchor of its own). -->
  <xsl:function name="tk:search-shown-note" as="element(tei:note)?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="($tk:doc//tei:note[@next][not(tk:is-continuation(.))]
        [some $c in tk:continuations(.) satisfies $c is $note])[1]"/>
  </xsl:function>

  <!--* A division's heads (label, title) are shown as one heading, the first one's. -->
  <xsl:function name="tk:heading-block" as="element()">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::tei:head[not(@type = 'sub')][starts-with(local-name(..), 'div')
          or parent::tei:front or parent::tei:body or parent::tei:back])
        then ($e/preceding-sibling::tei:head[not(@type = 'sub')][last()], $e)[1] else $e"/>
  </xsl:function>

  <!--* search-docs.json (see the header): {"units": [...], "entities": {...}, "docs": [...]},
        written as text unit by unit (each document serialized as JSON on its own), so only
        one unit's documents are held at a time: built as one JSON value, the documents of a
        50 MB edition held 300 MB more memory than the document itself. -->
  <xsl:template name="tk:search-data">
    <xsl:variable name="p" select="tk:s('page')"/>
    <xsl:variable name="entities" select="map:merge($tk:entities ! map{string(@xml:id): map{
        'name': tk:entity-name(.), 'href': tk:entity-file(.), 'kind': tk:register-of(.),
        'names': array{ distinct-values((tk:main-name(.), tk:other-names(.)) ! tk:plain(.)[.]) }}},
        map{'duplicates': 'use-first'})"/>
    <!-- Divided among shards (build -\-jobs N): shard K writes search-docs-K.json, the documents
         of its block of consecutive units (numbered as in the whole), shard 0 also the units
         and the last shard the entities (shard 0 says what is said of the whole edition: the
         extra work is shared); Python joins the parts in order, so the index is the same. -->
    <xsl:variable name="n" select="count($tk:units)"/>
    <xsl:variable name="first" select="$shard * $n idiv $shards + 1"/>
    <xsl:variable name="last" select="($shard + 1) * $n idiv $shards"/>
    <xsl:variable name="json" select="map{'method': 'json'}"/>
    <xsl:result-document href="{if ($shards le 1) then 'search-docs.json' else 'search-docs-' || $shard || '.json'}"
        method="text" encoding="UTF-8">
      <xsl:value-of select="'{&quot;units&quot;: ' || serialize(array{ if ($shard = 0)
            then $tk:units ! [tk:unit-file(.), tk:label(.)] else () }, $json)
          || ', &quot;entities&quot;: ' || serialize(if ($shard = $shards - 1 or $shards le 1) then $entities else map{}, $json)
          || ', &quot;docs&quot;: ['"/>
      <xsl:iterate select="$tk:units[position() ge $first and position() le $last]">
        <xsl:param name="i" as="xs:integer" select="$first"/>
        <xsl:param name="sep" as="xs:string" select="''"/>
        <xsl:variable name="u" select="."/>
        <xsl:variable name="file" select="tk:unit-file($u)"/>
        <xsl:variable name="label" select="tk:label($u)"/>
        <xsl:variable name="docs" as="xs:string*" select="
            for $b in tk:search-blocks($u) return
            let $page := tk:page-of($b),
                $on-page := exists($page) and (exists($page/ancestor::*[. is $u]) or tk:unit-of($page) is $u),
                $anchor := tk:search-anchor($b, $u),
                $text := tk:search-text($b),
                $shown := $b/self::tei:note[tk:is-continuation(.)] ! tk:search-shown-note(.)
            return if (not($text)) then () else serialize([
                    if (exists($shown)) then tk:unit-file(tk:note-unit($shown)) || '#' || tk:note-id($shown)
                    else $file || (if ($anchor) then '#' || $anchor else if ($on-page) then '#' || tk:pb-id($page) else ''),
                    string-join(($label, $page[$on-page]/@n ! ($p || ' ' || .)), ', '),
                    $text, $i - 1,
                    array{ ($b//*[@ref] except $b//tei:note//*) ! (
                        let $e := tk:entity-of(.) return if ($e) then [string($e/@xml:id), tk:plain(.)] else ()) }], $json)"/>
        <xsl:if test="exists($docs)">
          <xsl:value-of select="$sep || string-join($docs, ',&#10;')"/>
        </xsl:if>
        <xsl:next-iteration>
          <xsl:with-param name="i" select="$i + 1"/>
          <xsl:with-param name="sep" select="if (exists($docs) or $sep) then ',&#10;' else ''"/>
        </xsl:next-iteration>
      </xsl:iterate>
      <xsl:value-of select="']}&#10;'"/>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
