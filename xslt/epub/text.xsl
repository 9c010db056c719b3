<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI text → XHTML 5 content for EPUB 3 (included by epub.xsl).

  Two modes keep any TEI valid as XHTML:
    tk:block   where HTML allows flow content (section, li, td, aside): div → section,
               p → p, list → ul, table → table, a note between paragraphs → aside endnote;
    tk:inline  where HTML allows only phrasing content (inside p, headings, links):
               everything becomes span/a/i/sup…, so a list inside a TEI p stays valid.
  tk:flow sorts a container's children into runs of block and inline nodes.

  Policy for elements no template names: their text is kept, wrapped in
  <div class="tei-NAME"> (block) or <span class="tei-NAME"> (inline); nothing is dropped
  except the uncorrected readings of a choice (sic, orig, abbr), shown as corr/reg/expan.

  Links: a pointer becomes <a> only when its target is rendered in the book (tk:href), or
  is an absolute http(s) URL; otherwise its text stays, unlinked. So the book never
  holds a dead link, which EPUBCheck would report.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit:xslt"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="xs tei tk">

  <xsl:mode name="tk:block" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:inline" on-no-match="shallow-skip"/>


  <!-- Every element's number in document order: generated ids that do not depend on the run. -->
  <xsl:accumulator name="tk:n" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="*" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="tk:inline-notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[tk:is-running-note(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:variable name="tk:block-names" as="xs:string+" select="(
    'p', 'ab', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'lg', 'l', 'list', 'table',
    'sp', 'speaker', 'head', 'argument', 'epigraph', 'opener', 'closer', 'trailer', 'byline', 'dateline',
    'docTitle', 'titlePart', 'titlePage', 'docAuthor', 'docImprint', 'docDate', 'docEdition', 'salute',
    'signed', 'postscript', 'listBibl', 'listPerson', 'listPlace', 'listOrg', 'listEvent', 'listNote',
    'person', 'place', 'org', 'event', 'castList', 'castGroup', 'castItem', 'group', 'floatingText',
    'figure', 'item', 'address', 'respStmt', 'spGrp', 'entryFree', 'entry', 'listApp', 'div', 'eTree')"/>

  <!-- Elements known to this stylesheet: with a template of their own, or deliberately
       rendered by the generic div/span. Others get the generic rendering too, and the build
       says so once per element name (tk:report-generic in epub.xsl). -->
  <xsl:variable name="tk:specific" as="xs:string+" select="(
    'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'p', 'ab', 'head', 'l', 'speaker', 'byline',
    'dateline', 'salute', 'signed', 'docAuthor', 'docDate', 'titlePart', 'trailer', 'list', 'item', 'table', 'row',
    'cell', 'note', 'pb', 'lb', 'cb', 'milestone', 'anchor', 'gap', 'supplied', 'hi', 'emph', 'title', 'foreign',
    'term', 'mentioned', 'q', 'quote', 'said', 'soCalled', 'ref', 'ptr', 'persName', 'placeName', 'orgName',
    'name', 'rs', 'biblStruct', 'choice', 'sic', 'orig', 'abbr', 'graphic', 'media', 'binaryObject',
    (: known, and the generic span/div is their intended rendering :)
    'corr', 'reg', 'expan', 'date', 'time', 'num', 'measure', 'surname', 'forename', 'addName', 'roleName',
    'genName', 'nameLink', 'argument', 'epigraph', 'figure', 'figDesc', 'lg', 'label', 'listBibl', 'bibl',
    'seg', 'unclear', 'add', 'del', 'damage', 'opener', 'closer', 'postscript', 'sp', 'stage', 'cit')"/>

  <!-- ===== classification and naming ===== -->

  <xsl:function name="tk:note-is-block" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/parent::*[matches(local-name(), '^(div\d?|body|front|back|listNote)$')])"/>
  </xsl:function>

  <!-- A note in running text (rendered as a marker, its text collected at the end of the file).
       A note inside a bibliographic entry is part of the entry, not a footnote. -->
  <xsl:function name="tk:is-running-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="not(tk:note-is-block($note) or $note/ancestor::*[self::tei:biblStruct or self::tei:bibl])"/>
  </xsl:function>

  <xsl:function name="tk:is-block" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="$n instance of element() and (
      if ($n/self::tei:note) then tk:note-is-block($n)
      else if ($n/(self::tei:quote | self::tei:q | self::tei:cit | self::tei:said)) then exists($n/(tei:p | tei:lg | tei:l | tei:list | tei:quote))
      else if ($n/(self::tei:bibl | self::tei:biblStruct | self::tei:stage)) then
        exists($n/parent::*[matches(local-name(), '^(listBibl|div\d?|body|front|back|sp|note)$')])
      else local-name($n) = $tk:block-names)"/>
  </xsl:function>

  <xsl:function name="tk:is-chunk-div" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:div | self::tei:div1))"/>
  </xsl:function>

  <!-- The outermost child of front/body/back that holds $e: the root of $e's XHTML file. -->
  <xsl:function name="tk:chunk-top" as="element()?">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="$e/ancestor-or-self::*[parent::tei:front or parent::tei:body or parent::tei:back
                                                 or parent::tei:group][parent::*/parent::tei:text[not(ancestor::tei:text)]]
                          | $e/ancestor-or-self::*[parent::tei:sourceDoc[not(ancestor::tei:sourceDoc)]]"/>
  </xsl:function>

  <!-- A file name: the division's xml:id through the shared mapping (common/units.xsl,
       tk:file-stem-for-id), else part-position. -->
  <xsl:function name="tk:chunk-name" as="xs:string">
    <xsl:param name="top" as="element()"/>
    <xsl:variable name="start" select="if (tk:is-chunk-div($top)) then $top
      else ($top/preceding-sibling::*[tk:is-chunk-div(.)][1]/following-sibling::*[1], $top/../*[1])[1]"/>
    <xsl:sequence select="if (tk:is-chunk-div($start) and count(key('tk:id', string($start/@xml:id), root($start))) = 1)
      then tk:file-stem-for-id(string($start/@xml:id))
      else tk:member-prefix($start) || local-name($start/..) || '-' || (count($start/preceding-sibling::*) + 1)"/>
  </xsl:function>

  <!--* In a collection (a teiCorpus of TEI documents), "t3-" for the third document: generated
        chunk names of different documents must not meet. Empty for a single document. -->
  <xsl:function name="tk:member-prefix" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="member" select="$e/ancestor::tei:TEI[parent::tei:teiCorpus][1]"/>
    <xsl:sequence select="if ($member) then 't' || (count($member/preceding-sibling::tei:TEI) + 1) || '-' else ''"/>
  </xsl:function>

  <!-- The XHTML file (relative to text/) an element is rendered in; empty if it is not rendered. -->
  <xsl:function name="tk:file" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:choose>
      <xsl:when test="$e/ancestor-or-self::*[(self::tei:sic or self::tei:orig or self::tei:abbr) and parent::tei:choice]"/>
      <xsl:when test="tk:in-register($e)"><xsl:sequence select="'tk-register.xhtml'"/></xsl:when>
      <xsl:when test="$e/ancestor::tei:teiHeader or $e/ancestor::tei:standOff"/>
      <xsl:otherwise>
        <xsl:sequence select="tk:chunk-top($e) ! ($tk:chunk-names(generate-id(.)) || '.xhtml')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Entities (common layer: tk:entities) outside the text are listed in the register file;
       those inside the text (a listPerson in a division) are rendered where they stand. -->
  <xsl:variable name="tk:register-entities" as="element()*" select="$tk:entities[not(ancestor::tei:text)]"/>

  <xsl:function name="tk:in-register" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tk:register-of($e) != '' and exists($e/@xml:id) and empty($e/ancestor::tei:text)"/>
  </xsl:function>

  <!-- The HTML id of an element: its xml:id when usable (an NCName, unique), else a generated one. -->
  <xsl:function name="tk:id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/@xml:id castable as xs:NCName and count(key('tk:id', string($e/@xml:id), root($e))) = 1)
      then string($e/@xml:id) else 'tk-n' || $e/accumulator-before('tk:n')"/>
  </xsl:function>

  <!-- The element a local pointer ("#id") names, when it is unique. -->
  <xsl:function name="tk:unique-target" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="hits" select="if (starts-with($pointer, '#')) then key('tk:id', substring($pointer, 2), root($context)) else ()"/>
    <xsl:sequence select="$hits[count($hits) = 1]"/>
  </xsl:function>

  <!-- href from a content file (in text/) to an element, if it is rendered. -->
  <xsl:function name="tk:href-to" as="xs:string?">
    <xsl:param name="target" as="element()?"/>
    <xsl:sequence select="$target ! (tk:file(.) ! (. || '#' || tk:id($target)))"/>
  </xsl:function>

  <!-- href for a pointer attribute: its first local target that is rendered, or an http(s) URL. -->
  <xsl:function name="tk:href" as="xs:string?">
    <xsl:param name="context" as="element()"/>
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:variable name="tokens" select="tokenize($pointers)"/>
    <xsl:variable name="first" select="$tokens[1]"/>
    <!-- Fast paths (most pointers of an edition): one name of the register, one local id. -->
    <xsl:sequence select="
      if (count($tokens) = 1 and starts-with($first, '#') and map:contains($tk:register-hrefs, substring($first, 2)))
        then $tk:register-hrefs(substring($first, 2))
      else (for $t in $tokens return tk:href-to(tk:unique-target($context, $t)),
            $tokens[matches(., '^https?://[^\s&lt;&gt;&quot;]+$')][. castable as xs:anyURI])[1]"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- Where each entity of the register is, computed once (names are most of the links). -->
  <xsl:variable name="tk:register-hrefs" as="map(xs:string, xs:string)" select="map:merge(
      $tk:register-entities[tk:id(.) = @xml:id] ! map { string(@xml:id): 'tk-register.xhtml#' || @xml:id },
      map { 'duplicates': 'use-first' })" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The file name of each chunk top, computed once. -->
  <xsl:variable name="tk:chunk-names" as="map(xs:string, xs:string)" select="map:merge(
      (//tei:text[not(ancestor::tei:text)]/(tei:front | tei:body | tei:group | tei:back)
       | //tei:sourceDoc[not(ancestor::tei:sourceDoc)])/* ! map { generate-id(.): tk:chunk-name(.) })"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <xsl:function name="tk:lang" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/@xml:lang[matches(., '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$')] ! string(.)"/>
  </xsl:function>

  <!-- id, class and language of every rendered element. -->
  <xsl:template name="tk:attrs">
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="tk:id(.)"/>
    </xsl:if>
    <xsl:attribute name="class" select="string-join(('tei-' || local-name(), $class), ' ')"/>
    <xsl:for-each select="tk:lang(.)">
      <xsl:attribute name="lang" select="."/>
      <xsl:attribute name="xml:lang" select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== flow: runs of block and inline content ===== -->

  <xsl:template name="tk:flow">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each-group select="$nodes[self::* or self::text()]" group-adjacent="tk:is-block(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:apply-templates select="current-group()" mode="tk:block"/>
        </xsl:when>
        <xsl:when test="current-group()[self::*] or normalize-space(string-join(current-group()))">
          <xsl:apply-templates select="current-group()" mode="tk:inline"/>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- ===== block mode ===== -->

  <xsl:template match="*" mode="tk:block">
    <div>
      <xsl:call-template name="tk:attrs"/>
      <xsl:call-template name="tk:flow"><xsl:with-param name="nodes" select="node()"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template match="text()" mode="tk:block tk:inline">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- Milestones are phrasing content: the same in both modes. -->
  <xsl:template match="tei:pb | tei:cb | tei:lb | tei:milestone | tei:anchor | tei:gap" mode="tk:block">
    <xsl:apply-templates select="." mode="tk:inline"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="tk:block">
    <xsl:variable name="level" select="min((6, count(ancestor::*[matches(local-name(), '^div\d?$')]) + 1))"/>
    <section id="{tk:id(.)}">
      <xsl:call-template name="tk:semantics"/>
      <xsl:for-each select="tk:lang(.)">
        <xsl:attribute name="lang" select="."/>
        <xsl:attribute name="xml:lang" select="."/>
      </xsl:for-each>
      <!-- A page that begins just before the heading begins before it in the book too. -->
      <xsl:variable name="lead" select="(node() except tei:head)[. &lt;&lt; ../tei:head[1]]
                                        [self::tei:pb or self::tei:milestone or self::tei:anchor or self::text()]"/>
      <xsl:apply-templates select="$lead[self::*]" mode="tk:inline"/>
      <xsl:if test="tei:head">
        <xsl:element name="h{$level}">
          <xsl:for-each select="tei:head">
            <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
            <span>
              <xsl:call-template name="tk:attrs"><xsl:with-param name="class" select="@type"/></xsl:call-template>
              <xsl:apply-templates mode="tk:inline"/>
            </span>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
      <xsl:call-template name="tk:flow"><xsl:with-param name="nodes" select="node() except (tei:head | $lead)"/></xsl:call-template>
    </section>
  </xsl:template>

  <!-- EPUB structural semantics (epub:type) for the division types of docs/encoding.md. -->
  <xsl:template name="tk:semantics">
    <xsl:variable name="t" select="lower-case(@type)"/>
    <xsl:variable name="epub" select="map {
      'chapter': 'chapter', 'introduction': 'introduction', 'preface': 'preface', 'conclusion': 'conclusion',
      'appendix': 'appendix', 'notes': 'endnotes', 'bibliography': 'bibliography', 'index': 'index',
      'titlepage': 'titlepage', 'contents': 'toc', 'postscript': 'afterword', 'epilogue': 'epilogue',
      'prologue': 'prologue', 'foreword': 'foreword', 'dedication': 'dedication', 'glossary': 'glossary' }"/>
    <xsl:if test="$t and map:contains($epub, $t)" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
      <xsl:attribute name="epub:type" select="$epub($t)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="tk:block">
    <p>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates mode="tk:inline"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:head | tei:l | tei:speaker | tei:byline | tei:dateline | tei:salute | tei:signed
                       | tei:docAuthor | tei:docDate | tei:titlePart | tei:trailer" mode="tk:block">
    <p>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates mode="tk:inline"/>
    </p>
  </xsl:template>

  <!-- A list is <ul> when it holds items (and milestones, attached to the next item). -->
  <xsl:template match="tei:list[tei:item][every $c in * satisfies $c/(self::tei:item | self::tei:head)
                                or local-name($c) = $tk:interstitial]" mode="tk:block">
    <xsl:apply-templates select="tei:head" mode="tk:block"/>
    <xsl:element name="{if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol' else 'ul'}">
      <xsl:call-template name="tk:attrs"/>
      <xsl:for-each-group select="* except tei:head" group-ending-with="tei:item">
        <li>
          <xsl:for-each select="current-group()[self::tei:item]">
            <xsl:call-template name="tk:attrs"/>
          </xsl:for-each>
          <xsl:apply-templates select="current-group()[not(self::tei:item)]" mode="tk:inline"/>
          <xsl:call-template name="tk:flow">
            <xsl:with-param name="nodes" select="current-group()[self::tei:item]/node()"/>
          </xsl:call-template>
        </li>
      </xsl:for-each-group>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:table[tei:row][every $c in * satisfies $c/(self::tei:row | self::tei:head)]" mode="tk:block">
    <table>
      <xsl:call-template name="tk:attrs"/>
      <xsl:if test="tei:head">
        <caption>
          <xsl:for-each select="tei:head">
            <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:apply-templates mode="tk:inline"/>
          </xsl:for-each>
        </caption>
      </xsl:if>
      <tbody>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:call-template name="tk:attrs"/>
            <xsl:for-each select="tei:cell">
              <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                <xsl:call-template name="tk:attrs"/>
                <xsl:if test="@cols castable as xs:positiveInteger and xs:integer(@cols) > 1">
                  <xsl:attribute name="colspan" select="xs:integer(@cols)"/>
                </xsl:if>
                <xsl:if test="@rows castable as xs:positiveInteger and xs:integer(@rows) > 1">
                  <xsl:attribute name="rowspan" select="xs:integer(@rows)"/>
                </xsl:if>
                <xsl:call-template name="tk:flow"><xsl:with-param name="nodes" select="node()"/></xsl:call-template>
              </xsl:element>
            </xsl:for-each>
            <xsl:apply-templates select="* except tei:cell" mode="tk:inline"/>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- A note standing between paragraphs (the edition's endnotes): an EPUB endnote. -->
  <xsl:template match="tei:note" mode="tk:block">
    <xsl:call-template name="tk:endnote"/>
  </xsl:template>

  <xsl:template name="tk:endnote">
    <xsl:param name="number" as="xs:string?" select="@n"/>
    <xsl:variable name="back" select="tk:marker-href(.)"/>
    <!-- epub:type alone: the doc-endnote role is deprecated (DPUB-ARIA 1.1) and not allowed on aside. -->
    <aside id="{tk:id(.)}" epub:type="endnote" class="tei-note">
      <xsl:for-each select="tk:lang(.)">
        <xsl:attribute name="lang" select="."/>
        <xsl:attribute name="xml:lang" select="."/>
      </xsl:for-each>
      <xsl:if test="$number or $back">
        <p class="tk-note-number">
          <xsl:choose>
            <xsl:when test="$back">
              <a href="{$back}" role="doc-backlink" title="Back to the text">
                <xsl:value-of select="($number, '↩')[1]"/>
              </a>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$number"/></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
      <xsl:call-template name="tk:flow"><xsl:with-param name="nodes" select="node()"/></xsl:call-template>
    </aside>
  </xsl:template>

  <!-- Where a note's back-link goes: its first marker (common layer: tk:markers) in the book. -->
  <xsl:function name="tk:marker-href" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if (tk:is-running-note($note)) then (tk:file($note) || '#' || tk:running-marker-id($note))
      else (tk:markers($note) ! tk:href-to(.))[1]"/>
  </xsl:function>

  <xsl:function name="tk:running-marker-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="'tk-ref-' || tk:id($note)"/>
  </xsl:function>

  <!-- Inline notes of one file, collected at its end. -->
  <xsl:template name="tk:collected-notes">
    <xsl:param name="members" as="element()*"/>
    <xsl:variable name="notes" select="$members/descendant-or-self::tei:note[tk:is-running-note(.)]
      [not(ancestor::*[(self::tei:sic or self::tei:orig or self::tei:abbr) and parent::tei:choice])]"/>
    <xsl:if test="$notes">
      <section epub:type="endnotes" role="doc-endnotes" class="tk-endnotes">
        <h2>Notes</h2>
        <xsl:for-each select="$notes">
          <xsl:call-template name="tk:endnote">
            <xsl:with-param name="number" select="tk:running-note-number(.)"/>
          </xsl:call-template>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:function name="tk:running-note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@n[normalize-space()] ! string(.), string($note/accumulator-after('tk:inline-notes')))[1]"/>
  </xsl:function>

  <!-- ===== inline mode ===== -->

  <xsl:template match="*" mode="tk:inline">
    <span>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <!-- The uncorrected readings are not shown in the text (the correction is); they stay
       reachable as the choice's hover reading (title), as in the HTML edition. -->
  <xsl:template match="tei:choice/tei:sic | tei:choice/tei:orig | tei:choice/tei:abbr" mode="tk:block tk:inline"/>
  <xsl:template match="tei:choice" mode="tk:inline">
    <xsl:variable name="other" select="tei:sic | tei:orig | tei:abbr"/>
    <span>
      <xsl:call-template name="tk:attrs"/>
      <xsl:if test="exists($other) and exists(tei:corr | tei:reg | tei:expan)">
        <xsl:attribute name="title" select="string-join($other ! (local-name() || ': ' || normalize-space(.)), '; ')"/>
      </xsl:if>
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <!-- Skipped: not text for a reader of the book. -->
  <xsl:template match="tei:graphic | tei:media | tei:binaryObject | tei:figDesc[false()]" mode="tk:block tk:inline"/>

  <xsl:template match="tei:pb" mode="tk:inline">
    <xsl:choose>
      <xsl:when test="normalize-space(@n)">
        <span id="{tk:id(.)}" epub:type="pagebreak" role="doc-pagebreak" aria-label="page {normalize-space(@n)}"
              class="tk-pb">
          <xsl:value-of select="normalize-space(@n)"/>
        </span>
      </xsl:when>
      <xsl:when test="@xml:id"><span id="{tk:id(.)}" class="tk-pb"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lb[@break = 'no'][not(@xml:id)]" mode="tk:inline"/>
  <xsl:template match="tei:lb" mode="tk:inline">
    <br>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="tk:id(.)"/></xsl:if>
    </br>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:anchor" mode="tk:inline">
    <xsl:if test="@xml:id"><span id="{tk:id(.)}" class="tei-{local-name()}"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tk:inline">
    <span class="tei-gap" title="gap in the source">[…]</span>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tk:inline">
    <span>
      <xsl:call-template name="tk:attrs"/>
      <xsl:text>[</xsl:text><xsl:apply-templates mode="tk:inline"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:hi" mode="tk:inline">
    <xsl:variable name="rend" select="lower-case(string-join((@rend, @rendition, @style), ' '))"/>
    <xsl:element name="{if (contains($rend, 'ital')) then 'i' else if (contains($rend, 'bold')) then 'b'
                        else if (contains($rend, 'sup')) then 'sup' else if (contains($rend, 'sub')) then 'sub'
                        else 'span'}">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates mode="tk:inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph" mode="tk:inline">
    <em><xsl:call-template name="tk:attrs"/><xsl:apply-templates mode="tk:inline"/></em>
  </xsl:template>

  <xsl:template match="tei:title[not(ancestor::tei:head)] | tei:foreign | tei:term[not(parent::tei:item)] | tei:mentioned"
                mode="tk:inline">
    <i><xsl:call-template name="tk:attrs"/><xsl:apply-templates mode="tk:inline"/></i>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote | tei:said | tei:soCalled" mode="tk:inline">
    <q><xsl:call-template name="tk:attrs"/><xsl:apply-templates mode="tk:inline"/></q>
  </xsl:template>

  <!-- A note inside running text: a note reference here, the note at the end of the file. -->
  <xsl:template match="tei:note[not(tk:is-running-note(.))]" mode="tk:inline" priority="2">
    <span>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:note" mode="tk:inline">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <sup class="tk-noteref">
      <xsl:choose>
        <xsl:when test="$in-link"><span id="{tk:running-marker-id(.)}"><xsl:value-of select="tk:running-note-number(.)"/></span></xsl:when>
        <xsl:otherwise>
          <a id="{tk:running-marker-id(.)}" href="#{tk:id(.)}" epub:type="noteref" role="doc-noteref">
            <xsl:value-of select="tk:running-note-number(.)"/>
          </a>
        </xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <!-- Pointers: a link when the target is in the book; a note marker when it is a note. -->
  <xsl:template match="tei:ref | tei:ptr" mode="tk:inline">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="href" select="tk:href(., @target)"/>
    <xsl:variable name="target" select="tk:unique-target(., tokenize(@target)[1])"/>
    <xsl:variable name="is-noteref" select="@type = 'noteref' or ($target/self::tei:note and not(ancestor::tei:list[@type = 'index']))"/>
    <xsl:choose>
      <xsl:when test="empty($href) or $in-link">
        <span>
          <xsl:call-template name="tk:attrs"/>
          <xsl:call-template name="tk:link-text"/>
        </span>
      </xsl:when>
      <xsl:when test="$is-noteref">
        <sup class="tk-noteref">
          <a href="{$href}" epub:type="noteref" role="doc-noteref">
            <xsl:call-template name="tk:attrs"/>
            <xsl:call-template name="tk:link-text"/>
          </a>
        </sup>
      </xsl:when>
      <xsl:otherwise>
        <a href="{$href}">
          <xsl:call-template name="tk:attrs"/>
          <xsl:call-template name="tk:link-text"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:link-text">
    <xsl:choose>
      <xsl:when test="normalize-space() or *">
        <xsl:apply-templates mode="tk:inline"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="(@n, tk:unique-target(., tokenize(@target)[1])/@n, '→')[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Names: a link into the register (persons, places, organisations) when they are there. -->
  <xsl:template match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref] | tei:name[@ref] | tei:rs[@ref]"
                mode="tk:inline">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="href" select="tk:href(., @ref)"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($in-link)">
        <a href="{$href}">
          <xsl:call-template name="tk:attrs"><xsl:with-param name="class" select="'tk-entity'"/></xsl:call-template>
          <xsl:apply-templates mode="tk:inline"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="tk:attrs"/>
          <xsl:apply-templates mode="tk:inline"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A bibliographic entry in running form: authors. Title. Place: Publisher, date. -->
  <xsl:template match="tei:biblStruct" mode="tk:block">
    <p>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="." mode="tk:inline-bibl"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:biblStruct" mode="tk:inline">
    <span>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="." mode="tk:inline-bibl"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:biblStruct" mode="tk:inline-bibl">
    <xsl:for-each select="tei:analytic | tei:monogr | tei:series">
      <xsl:variable name="names" select="(tei:author | tei:editor)[normalize-space()]"/>
      <xsl:if test="$names">
        <xsl:value-of select="string-join($names ! (tk:display-name(.) || (if (self::tei:editor) then ' (ed.)' else '')), ', ')"/>
        <xsl:text>. </xsl:text>
      </xsl:if>
      <xsl:for-each select="tei:title[1]">
        <xsl:choose>
          <xsl:when test="@level = 'a'">“<xsl:apply-templates mode="tk:inline"/>.” </xsl:when>
          <xsl:otherwise><i><xsl:apply-templates mode="tk:inline"/></i><xsl:text>. </xsl:text></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <!-- edition, extent and scope of the item: every word of the entry reaches the reader -->
      <xsl:for-each select="(tei:edition | tei:extent | tei:biblScope)[normalize-space()]">
        <xsl:value-of select="tk:plain(.)"/><xsl:text>. </xsl:text>
      </xsl:for-each>
      <xsl:for-each select="tei:imprint[normalize-space()]">
        <xsl:value-of select="string-join((string-join((tei:pubPlace ! tk:plain(.), tei:publisher ! tk:plain(.)), ': '),
                                           tei:date ! tk:plain(.), tei:biblScope ! tk:plain(.))[normalize-space()], ', ')"/>
        <xsl:text>. </xsl:text>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="tei:citedRange[normalize-space()]">
      <xsl:value-of select="tk:plain(.)"/><xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:note | tei:monogr/tei:note | tei:analytic/tei:note | tei:ref | tei:idno">
      <xsl:apply-templates select="." mode="tk:inline"/>
      <xsl:text> </xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- The header and stand-off data are not running text (the register renders standOff). -->
  <xsl:template match="tei:teiHeader | tei:standOff | tei:facsimile | tei:sourceDoc" mode="tk:block tk:inline"/>
</xsl:stylesheet>
