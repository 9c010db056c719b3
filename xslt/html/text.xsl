<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: TEI text elements to HTML 5 (the default mode).

  Policy for elements no template names: the element becomes a <div> (when it holds block
  content) or a <span>, with class "tei-NAME", and its content is processed, so no text is
  ever dropped; html.xsl reports each such element name once as an info diagnostic.
  Editorial alternatives keep both readings: the corrected one is shown, the other (sic,
  orig, abbr) is kept in a hidden span for search engines and copy-paste of the source.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:teix="http://www.tei-c.org/ns/Examples"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- Elements rendered as blocks (HTML flow content). -->
  <xsl:variable name="tk:block-names" as="xs:string*" select="(
      'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'p', 'ab', 'lg', 'l', 'list',
      'table', 'sp', 'figure', 'listBibl', 'castList', 'floatingText', 'head', 'argument', 'epigraph',
      'opener', 'closer', 'titlePage', 'docTitle', 'byline', 'dateline', 'salute', 'signed',
      'titlePart', 'docAuthor', 'docImprint', 'docEdition', 'docDate', 'trailer', 'postscript',
      'speaker', 'castItem', 'castGroup', 'biblStruct', 'listPerson', 'listPlace', 'listOrg',
      'listEvent', 'person', 'place', 'org', 'event', 'text', 'group', 'front', 'body', 'back',
      'item', 'label', 'row', 'cell', 'quote', 'cit', 'spGrp', 'figDesc', 'listWit', 'listApp', 'sourceDoc', 'surface',
      'surfaceGrp', 'zone', 'set', 'u', 'entry', 'entryFree', 'superEntry', 're', 'hom', 'sense',
      'divGen', 'performance', 'prologue', 'epilogue')"/>
  <!-- Elements that have their own template below (the rest fall under the policy above). -->
  <xsl:variable name="tk:handled-names" as="xs:string*" select="(
      'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'p', 'ab', 'head', 'lg', 'l',
      'caesura', 'sp', 'speaker', 'stage', 'list', 'item', 'label', 'table', 'row', 'cell', 'figure', 'figDesc',
      'graphic', 'quote', 'cit', 'q', 'said', 'hi', 'emph', 'foreign', 'title', 'term', 'mentioned',
      'soCalled', 'gloss', 'persName', 'orgName', 'placeName', 'name', 'rs', 'geogName', 'date',
      'num', 'time', 'measure', 'surname', 'forename', 'roleName', 'addName', 'genName', 'nameLink',
      'ref', 'ptr', 'note', 'choice', 'sic', 'corr', 'orig', 'reg', 'abbr', 'expan', 'supplied', 'gap',
      'unclear', 'damage', 'del', 'add', 'delSpan', 'addSpan', 'lb', 'pb', 'cb', 'gb', 'milestone', 'fw', 'anchor', 'seg', 'w', 'pc', 'c',
      's', 'cl', 'phr', 'm', 'ruby', 'rb', 'rt',
      'bibl', 'listBibl', 'biblStruct', 'argument', 'epigraph', 'opener', 'closer', 'byline',
      'dateline', 'salute', 'signed', 'trailer', 'postscript', 'titlePage', 'docTitle', 'titlePart',
      'docAuthor', 'docImprint', 'docDate', 'docEdition', 'front', 'body', 'back', 'group', 'text',
      'space', 'idno', 'author', 'editor', 'imprint', 'publisher', 'pubPlace', 'biblScope', 'monogr',
      'analytic', 'series', 'respStmt', 'resp', 'meeting', 'country', 'region', 'settlement', 'bloc',
      'district', 'orgName', 'floatingText', 'spGrp', 'castList', 'castItem', 'castGroup', 'role',
      'roleDesc', 'listPerson', 'listPlace', 'listOrg', 'listEvent', 'person', 'personGrp', 'place', 'org',
      'event', 'sourceDoc', 'surface', 'surfaceGrp', 'zone', 'line', 'app', 'lem', 'rdg', 'rdgGrp',
      'listWit', 'witness', 'formula', 'wit', 'witDetail', 'witStart', 'witEnd', 'lacunaStart', 'lacunaEnd', 'ex', 'am', 'surplus', 'g', 'subst', 'mod', 'restore', 'retrace', 'metamark',
      'handShift', 'geo', 'citedRange', 'listApp', 'set', 'u', 'pause', 'vocal', 'kinesic', 'incident', 'writing', 'shift',
      'entry', 'entryFree', 'superEntry', 're', 'hom', 'sense', 'form', 'orth', 'pron', 'hyph', 'syll', 'stress',
      'gramGrp', 'gram', 'pos', 'gen', 'number', 'case', 'per', 'tns', 'mood', 'subc', 'iType', 'colloc', 'def',
      'usg', 'lbl', 'xr', 'etym', 'oRef', 'oVar', 'pRef', 'pVar', 'egXML', 'gi', 'tag', 'att', 'val', 'code', 'ident',
      'email', 'divGen', 'notatedMusic', 'timeline', 'when', 'linkGrp', 'link', 'join', 'joinGrp', 'alt', 'altGrp',
      'performance', 'prologue', 'epilogue', 'binaryObject')"/>

  <!-- The same two lists as sets, for quick tests. -->
  <xsl:variable name="tk:block-set" as="map(xs:string, xs:boolean)"
      select="map:merge($tk:block-names ! map{.: true()}, map{'duplicates': 'use-first'})"/>
  <xsl:variable name="tk:handled-set" as="map(xs:string, xs:boolean)"
      select="map:merge($tk:handled-names ! map{.: true()}, map{'duplicates': 'use-first'})"/>

  <!--* Does this element render as a block? -->
  <xsl:function name="tk:is-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="local-name($e)"/>
    <xsl:sequence select="map:contains($tk:block-set, $name) or
        (not(map:contains($tk:handled-set, $name))
         and exists($e/descendant::*[map:contains($tk:block-set, local-name())][not(ancestor::tei:note[. >> $e])]))"/>
  </xsl:function>

  <!--* Does $e hold, anywhere inside it (not inside a note of its own, shown elsewhere), an
        element rendered as a block? Then $e is rendered as a block too: HTML lets no <p>, <span>
        or <i> hold a <div> or <figure> (a paragraph's <q> of verse lines, a <hi> around a
        figure: EPUBCheck refused both in the TEI Stylesheets' test files). A quote or cit is a
        block only when it holds one (tk:has-block-child), which this finds inside it anyway. -->
  <xsl:function name="tk:holds-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/descendant::*[map:contains($tk:block-set, local-name())]
        [not(self::tei:quote or self::tei:cit)][not(ancestor::tei:note[. >> $e])])"/>
  </xsl:function>

  <!--* The heading level (1-6) of a head in its unit. -->
  <xsl:function name="tk:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:variable name="unit" select="tk:unit-of($head)"/>
    <xsl:variable name="divs" select="count($head/ancestor::*[starts-with(local-name(), 'div')][not(. &lt;&lt; $unit)])"/>
    <xsl:sequence select="min((6, max((1, $divs)) + (if ($unit/self::tei:div or $unit/self::tei:div1) then 0 else 1)))"/>
  </xsl:function>

  <!-- ============ structure ============ -->

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <section class="div div-{(@type, 'plain')[1]}">
      <xsl:call-template name="tk:id"/>
      <!-- a division that holds one of the letters its document describes (@decls): its
           anchor, for the letters index to link, and who wrote to whom, when (letters.xsl) -->
      <xsl:variable name="letter" select="tk:div-letter(.)"/>
      <xsl:if test="exists($letter) and empty(@xml:id) and not(tk:is-unit(.))">
        <xsl:attribute name="id" select="tk:block-id(.)"/>
      </xsl:if>
      <xsl:call-template name="tk:div-label"/>
      <xsl:for-each select="$letter">
        <xsl:call-template name="tk:letter-meta-line"><xsl:with-param name="letter" select="."/></xsl:call-template>
      </xsl:for-each>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- A division without a heading but with a number (@n), inside a unit (a unit has its
       label already): a heading of its kind and number, "Poem 2", "Book 1", "Strophe 1", as
       the TEI Stylesheets number such divisions ("1.1.2"). Perseus' and EpiDoc's textparts
       have no head: Catullus' 116 poems ran into one another with nothing between them. The
       words are teikit's (tk-generated), not the text's. Only a division of a kind a reader
       cites by number (a textpart, a book, a poem, an act...): a letter's writing sessions
       (Schnitzler's div type="writingSession" n="1") or a page's divisions are not headed. -->
  <xsl:variable name="tk:numbered-kinds" as="xs:string*" select="('textpart', 'book', 'volume', 'part',
      'chapter', 'section', 'subsection', 'poem', 'canto', 'act', 'scene', 'song', 'psalm', 'sermon', 'article')"/>
  <!-- So is a headless division of a kind a reader looks for by its name: an EpiDoc
       inscription's edition, apparatus, translation, commentary and bibliography ran into one
       another on a collection's page (the EpiDoc stylesheets head them "Edition",
       "Translation", ...). Not every kind: a letter's opener, dateline and closer (Escher's
       div type="dateline") are parts read in place, not sections to head. -->
  <xsl:template name="tk:div-label">
    <xsl:variable name="section-kinds" as="xs:string*" select="('edition', 'translation', 'commentary',
        'apparatus', 'bibliography', 'abstract', 'summary', 'introduction', 'preface', 'foreword', 'afterword',
        'appendix', 'glossary', 'notes', 'transcription', 'description')"/>
    <xsl:if test="empty(tei:head) and not(tk:is-unit(.)) and (
        (exists(tk:div-n(.)) and lower-case(@type) = $tk:numbered-kinds)
        or lower-case(normalize-space(@type)) = $section-kinds)">
      <xsl:variable name="unit" select="tk:unit-of(.)"/>
      <xsl:variable name="level" select="min((6, count(ancestor-or-self::*[starts-with(local-name(), 'div')][not(. &lt;&lt; $unit)])
          + (if ($unit/self::tei:div or $unit/self::tei:div1) then 0 else 1)))"/>
      <xsl:element name="h{$level}">
        <xsl:attribute name="class" select="'div-label tk-generated'"/>
        <xsl:value-of select="tk:own-label(.)"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- The first head of a division carries the division's heading (label and title together). -->
  <xsl:template match="tei:head[starts-with(local-name(..), 'div') or parent::tei:front
                       or parent::tei:body or parent::tei:back][not(@type = 'sub')]">
    <xsl:if test="not(preceding-sibling::tei:head[not(@type = 'sub')])">
      <xsl:variable name="heads" select="(., following-sibling::tei:head[not(@type = 'sub')])"/>
      <!-- A heading holding verse or paragraphs (allowed in TEI, not in an HTML h1-h6) is a
           block with the heading role. -->
      <xsl:variable name="blocks" select="exists($heads/*[tk:is-block(.)])"/>
      <xsl:element name="{if ($blocks) then 'div' else 'h' || tk:heading-level(.)}">
        <xsl:call-template name="tk:id"/>
        <xsl:if test="$blocks">
          <xsl:attribute name="class" select="'heading h' || tk:heading-level(.)"/>
          <xsl:attribute name="role" select="'heading'"/>
          <xsl:attribute name="aria-level" select="tk:heading-level(.)"/>
        </xsl:if>
        <xsl:for-each select="$heads">
          <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:element name="{if ($blocks) then 'div' else 'span'}">
            <xsl:attribute name="class" select="'head-' || (@type, 'main')[1]"/>
            <xsl:apply-templates/>
          </xsl:element>
        </xsl:for-each>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:element name="{if (*[tk:is-block(.)] or tk:holds-block(.)) then 'div' else 'p'}">
      <xsl:attribute name="class" select="'head head-' || (@type, 'plain')[1]"/>
      <xsl:call-template name="tk:id"/><xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A letter heading an alphabetical list (a printed index's "A"): a heading the page's A–Z
       bar links to (navigation.xsl). -->
  <xsl:template match="tei:list/tei:head[tk:is-letter-head(.)]" priority="1">
    <xsl:element name="h{min((6, tk:heading-level(.) + 1))}">
      <xsl:attribute name="class" select="'letter-head'"/>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <!-- Most children are phrases with their own template: only the others need a closer look. -->
    <!-- (a note shown in place, not as a marker, is a block too) -->
    <xsl:element name="{if (*[not(map:contains($tk:handled-set, local-name())) or map:contains($tk:block-set, local-name())]
        [tk:is-block(.)] or tei:note[not(tk:is-inline-note(.) or tk:is-continuation(.))] or teix:egXML[tk:eg-block(.)]
        or tk:holds-block(.)) then 'div' else 'p'}">
      <xsl:attribute name="class" select="'p tei-' || local-name()"/>
      <xsl:call-template name="tk:id"/>
      <xsl:if test="parent::tei:sp and @n"><xsl:call-template name="tk:line-number"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:argument | tei:epigraph | tei:opener | tei:closer | tei:byline | tei:dateline
                       | tei:salute | tei:signed | tei:trailer | tei:postscript | tei:titlePage | tei:docTitle
                       | tei:titlePart | tei:docAuthor | tei:docImprint | tei:docDate | tei:docEdition
                       | tei:lg | tei:l | tei:sp | tei:speaker | tei:floatingText | tei:spGrp | tei:castList
                       | tei:castItem | tei:castGroup | tei:set | tei:performance | tei:prologue | tei:epilogue">
    <!-- a verse line shared between speakers (l part="I", "M", "F": Shakespeare's half lines)
         is indented after its first part, as printed plays set it -->
    <div class="tei-{local-name()}{if (@type) then ' type-' || @type else ''}{
        if (self::tei:l and upper-case(@part) = ('M', 'F')) then ' part-later' else ''}">
      <xsl:call-template name="tk:id"/>
      <xsl:call-template name="tk:line-number"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A TEI example (egXML, in the Examples namespace: the Guidelines and the TEI's own
       documents) is markup shown as code, its tags and attributes as written: its words alone,
       run together, said nothing of the encoding it shows (the TEI Stylesheets print the
       code). The tags are teikit's (tk-generated); the example's text is the text's. -->
  <xsl:template match="teix:egXML">
    <xsl:choose>
      <!-- a block where it stands between blocks; code inside a sentence -->
      <xsl:when test="tk:eg-block(.) or not(parent::tei:p or parent::tei:ab or parent::tei:l or parent::tei:head or parent::tei:hi
          or parent::tei:seg or parent::tei:q or parent::tei:label or parent::tei:title or parent::tei:emph
          or parent::tei:cell or parent::tei:item[text()[normalize-space()]])">
        <pre class="tei-egXML"><code><xsl:apply-templates mode="tk:eg"/></code></pre>
      </xsl:when>
      <xsl:otherwise><code class="tei-egXML"><xsl:apply-templates mode="tk:eg"/></code></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!--* Is this example written over several lines (a document, a schema: a block of code, and
        the paragraph around it a block too), rather than a phrase of markup in a sentence? -->
  <xsl:function name="tk:eg-block" as="xs:boolean">
    <xsl:param name="eg" as="element()"/>
    <xsl:sequence select="exists($eg//text()[contains(., '&#10;')])"/>
  </xsl:function>
  <xsl:template match="*" mode="tk:eg">
    <span class="eg-tag tk-generated">&lt;<xsl:value-of select="name()"/>
      <xsl:for-each select="@*"><xsl:text> </xsl:text><xsl:value-of select="name() || '=&quot;' || . || '&quot;'"/></xsl:for-each>
      <xsl:if test="empty(node())">/</xsl:if>&gt;</span>
    <xsl:if test="exists(node())">
      <xsl:apply-templates mode="tk:eg"/>
      <span class="eg-tag tk-generated">&lt;/<xsl:value-of select="name()"/>&gt;</span>
    </xsl:if>
  </xsl:template>
  <xsl:template match="comment()" mode="tk:eg">
    <span class="eg-tag tk-generated">&lt;!--<xsl:value-of select="."/>--&gt;</span>
  </xsl:template>

  <!-- The names of markup in prose about markup (the Guidelines, an ODD, a project's
       encoding manual): an element's name is code between angle brackets (gi: <persName>;
       tag: <lb/>, </div>, <?pi?> as its @type says), an attribute's has its "@" (att: @ref),
       a value its quotes (val: "#sk"), as the TEI Stylesheets print them: bare, "the
       persName element with its ref" read as words. The brackets are teikit's (tk-generated);
       the name is the text's. -->
  <xsl:template match="tei:gi | tei:tag | tei:att | tei:val | tei:code | tei:ident">
    <xsl:variable name="around" select="
        if (self::tei:gi) then ('&lt;', '&gt;')
        else if (self::tei:att) then ('@', '')
        else if (self::tei:val) then ('&quot;', '&quot;')
        else if (self::tei:tag) then (
          if (@type = 'end') then ('&lt;/', '&gt;')
          else if (@type = 'empty') then ('&lt;', '/&gt;')
          else if (@type = 'pi') then ('&lt;?', '?&gt;')
          else if (@type = 'comment') then ('&lt;!--', '--&gt;')
          else if (@type = 'ms') then ('&lt;![CDATA[', ']]&gt;')
          else ('&lt;', '&gt;'))
        else ('', '')"/>
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'code'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="tk:id"/>
      <xsl:if test="$around[1]"><span class="tk-generated"><xsl:value-of select="$around[1]"/></span></xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="$around[2]"><span class="tk-generated"><xsl:value-of select="$around[2]"/></span></xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- A verse line numbered by its @n shows the number every fifth line, at the right of the
       line, as printed editions do: Perseus' poems and plays are cited by line ("Amphitruo
       15"), and nothing on the page said which line was which. Not the text's words
       (tk-generated), hidden from screen readers and left out of a copied passage. -->
  <!-- A speech's prose set line by line, each numbered in the play's count of lines (WordHoard's
       Shakespeare: <sp><speaker>Polonius</speaker><ab n="49">…</ab><ab n="50">…</ab>, between
       verse lines 48 and 53), is numbered as its verse is: line 50 could not be found. A stanza
       numbered by its @n (a Sanskrit verse, <lg n="2">, cited by it) shows its number above it,
       unless its heading stands there. -->
  <xsl:template name="tk:line-number">
    <xsl:if test="self::tei:lg and normalize-space(@n) and string-length(normalize-space(@n)) le 16 and empty(tei:head)">
      <span class="lg-n tk-generated" aria-hidden="true"><xsl:value-of select="normalize-space(@n)"/></span>
    </xsl:if>
    <!-- (a number of act, scene and line, "1.1.15" in the Folger Shakespeare: the line's, last) -->
    <xsl:variable name="n" select="if (not(self::tei:l or ((self::tei:ab or self::tei:p) and parent::tei:sp))) then ()
        else if (@n castable as xs:integer) then xs:integer(@n)
        else if (matches(@n, '^\d+([.:]\d+)+$')) then xs:integer(replace(@n, '^.*\D', '')) else ()"/>
    <xsl:if test="$n gt 0 and $n mod 5 eq 0">
      <span class="l-n tk-generated" aria-hidden="true"><xsl:value-of select="$n"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:stage">
    <xsl:element name="{if (ancestor::tei:p or ancestor::tei:l or parent::tei:hi) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-stage'"/>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- An e-mail address: a link that writes to it when it is one plain address (not inside
       another link); the address is the text's words. -->
  <xsl:template match="tei:email">
    <xsl:variable name="address" select="normalize-space(.)"/>
    <xsl:variable name="link" select="matches($address, '^[A-Za-z0-9._%+''-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$')
        and empty(ancestor::tei:ref[@target] | ancestor::tei:ptr)"/>
    <xsl:element name="{if ($link) then 'a' else 'span'}">
      <xsl:attribute name="class" select="'tei-email'"/>
      <xsl:if test="$link"><xsl:attribute name="href" select="'mailto:' || $address"/></xsl:if>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A division the software is to generate (divGen): of contents (@type toc, contents), the
       list of its text's units, each linked, as the TEI Stylesheets make it (an empty section
       said nothing); of any other kind (an index, a list of figures) its own heading alone:
       teikit's pages already hold registers and notes. The list is teikit's words
       (tk-generated), not the text's. -->
  <xsl:template match="tei:divGen">
    <xsl:variable name="text" select="ancestor::tei:text[last()]"/>
    <xsl:variable name="units" select="if (lower-case(normalize-space(@type)) = ('toc', 'contents', 'tableofcontents'))
        then $tk:units[tk:in-contents(.)][ancestor-or-self::tei:text[last()] is $text] else ()"/>
    <div class="tei-divGen{@type ! (' type-' || normalize-space(.))}">
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
      <xsl:if test="exists($units)">
        <ol class="toc tk-generated">
          <xsl:for-each select="$units">
            <li><a href="{tk:href-of(.)}"><xsl:value-of select="tk:label(.)"/></a></li>
          </xsl:for-each>
        </ol>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Music notation (notatedMusic, MEI or an image of it): its image shown as any graphic,
       its description and label as words, a pointer to the notation as a link; the notation
       itself is not drawn. -->
  <xsl:template match="tei:notatedMusic">
    <span class="tei-notatedMusic">
      <xsl:call-template name="tk:id"/>
      <!-- its parts one after the other, a space between them -->
      <xsl:for-each select="node()[self::* or normalize-space()][not(self::tei:binaryObject)]">
        <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="self::tei:desc or self::tei:label">
            <span class="tei-{local-name()} music-{local-name()}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Data in base64 (binaryObject: an image or notation written into the file) is no words
       and shows nothing (not counted either: teikit.build.preservation). -->
  <xsl:template match="tei:binaryObject"/>

  <!-- What links or aligns passages of the text without words of its own: a timeline of
       speech (timeline, when: what utterances' @start and @end point at), links and joins
       (linkGrp, link, join, joinGrp: a translation's alignment, a verse line shared between
       speakers), alternatives (alt, altGrp). They show nothing; their ids stay, so that what
       points at them still leads somewhere. -->
  <xsl:template match="tei:timeline | tei:when | tei:linkGrp | tei:link | tei:join | tei:joinGrp | tei:alt | tei:altGrp">
    <xsl:choose>
      <xsl:when test="exists(.//text()[normalize-space()] | .//*[not(self::tei:when or self::tei:link
          or self::tei:join or self::tei:alt)])">
        <!-- words or pointers inside (a linkGrp of ptr): kept, as any element's -->
        <span class="tei-{local-name()}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="exists(descendant-or-self::*/@xml:id)">
        <span class="tei-{local-name()}" hidden="hidden">
          <xsl:call-template name="tk:id"/>
          <xsl:for-each select="descendant::*[@xml:id]"><span id="{@xml:id}"></span></xsl:for-each>
        </span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list | tei:listBibl">
    <div class="tei-{local-name()}{if (@type) then ' type-' || @type else ''}">
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:element name="{if (@rend = ('numbered', 'ordered') or @type = ('ordered', 'numbered')) then 'ol' else 'ul'}">
        <!-- an empty bibl (EpiDoc templates leave "<bibl/>" to fill) is no entry: no empty bullet -->
        <xsl:for-each-group select="(* except tei:head)[not(parent::tei:listBibl and self::tei:bibl and not(normalize-space())
            and empty(descendant-or-self::*/(@xml:id | @target | @url)))]" group-ending-with="*[not(local-name() = $tk:interstitial)]">
          <li>
            <xsl:variable name="main" select="current-group()[last()]"/>
            <xsl:if test="$main/self::tei:label"><xsl:attribute name="class" select="'label'"/></xsl:if>
            <xsl:if test="$main[self::tei:item or self::tei:label]/@xml:id or $main/self::tei:item">
              <xsl:attribute name="id" select="tk:block-id($main)"/>
            </xsl:if>
            <xsl:for-each select="current-group()">
              <xsl:choose>
                <xsl:when test="self::tei:item or self::tei:label"><xsl:apply-templates/></xsl:when>
                <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </li>
        </xsl:for-each-group>
      </xsl:element>
    </div>
  </xsl:template>

  <!-- An item outside a list (rare): a block. -->
  <xsl:template match="tei:item | tei:label">
    <div class="tei-{local-name()}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></div>
  </xsl:template>
  <!-- A label within a line of verse or a phrase (DHARMA's Amaramālā: <l><label type="headword">
       sakhī-nāma ||</label> sakhī veśyā ca …</l>) reads on with its line: as a block it broke
       the verse line in two. -->
  <xsl:template match="tei:label[parent::tei:l or parent::tei:seg or parent::tei:hi or parent::tei:s
      or parent::tei:phr or parent::tei:cl][not(tk:holds-block(.))]" priority="1">
    <span class="tei-label{@type ! (' type-' || .)}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A table scrolls sideways in a box of its own when it is wider than the screen (a phone):
       the page never does. The box can be focused, so the keyboard scrolls it too. -->
  <xsl:template match="tei:table">
    <div class="table-wrap" tabindex="0" role="region"
        aria-label="{(tk:plain(tei:head[1])[normalize-space()], tk:s('table'))[1]}">
    <table class="tei-table">
      <xsl:call-template name="tk:id"/>
      <xsl:if test="tei:head">
        <!-- each head keeps its anchor (anchors.xsl), which the search results link to: the
             first on the caption, any other on a span of its own -->
        <caption>
          <xsl:for-each select="tei:head[1]"><xsl:call-template name="tk:id"/></xsl:for-each>
          <xsl:for-each select="tei:head">
            <xsl:choose>
              <xsl:when test="position() = 1"><xsl:apply-templates/></xsl:when>
              <xsl:otherwise><span><xsl:call-template name="tk:id"/><xsl:apply-templates/></span></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </caption>
      </xsl:if>
      <xsl:for-each select="tei:row">
        <tr>
          <xsl:call-template name="tk:id"/>
          <xsl:for-each select="tei:cell">
            <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
              <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
              <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
              <xsl:call-template name="tk:id"/>
              <xsl:apply-templates/>
            </xsl:element>
          </xsl:for-each>
        </tr>
      </xsl:for-each>
    </table>
    </div>
    <!-- Whatever else a table holds (page breaks, notes) is kept after it. -->
    <xsl:apply-templates select="* except (tei:head | tei:row)"/>
  </xsl:template>

  <!-- A figure: its image(s), then one caption of its headings and description (HTML allows
       one figcaption; a heading standing apart under the image read as running text). -->
  <xsl:template match="tei:figure">
    <figure class="tei-figure">
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates select="* except (tei:figDesc | tei:head)"/>
      <xsl:if test="tei:figDesc or tei:head">
        <figcaption>
          <xsl:apply-templates select="tei:head"/>
          <xsl:apply-templates select="tei:figDesc/node()"/>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- The images the builder copied beside the pages (their @url values, separated by spaces;
       teikit.build.html.local_images), so that a missing one is a label, not a broken image
       with a link to nothing. Absent: every plain relative path is taken to be there. -->
  <xsl:param name="images" as="xs:string?" select="()"/>
  <xsl:variable name="tk:copied-images" as="map(xs:string, xs:boolean)?"
      select="if (exists($images)) then map:merge(tokenize($images) ! map{.: true()}, map{'duplicates': 'use-first'}) else ()"/>

  <!-- Images are not copied into the reading edition: say where one was. -->
  <!-- An image: shown when its @url is a relative path inside the edition's folder (the
       builder copies it beside the pages and reports any other); otherwise a link-less label. -->
  <xsl:template match="tei:graphic">
    <!-- alt: the image's own description (graphic/desc), else the figure's, else its heading,
         else the file's name -->
    <xsl:variable name="desc" select="normalize-space(string-join(tei:desc, ' '))"/>
    <xsl:variable name="alt" select="($desc[.], normalize-space(string-join((../tei:figDesc, ../tei:head, @url)[1], ' ')))[1]"/>
    <xsl:choose>
      <xsl:when test="tk:local-image(@url) and (empty($tk:copied-images) or map:contains($tk:copied-images, string(@url)))">
        <!-- the image's own description is also its hover text: a reader without the alt text
             reads it there -->
        <img class="tei-graphic" src="{'images/' || @url}" alt="{$alt}" loading="lazy">
          <xsl:if test="$desc"><xsl:attribute name="title" select="$desc"/></xsl:if>
        </img>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-graphic tk-generated" title="{tk:s('image-not-included')}: {@url}">[<xsl:value-of select="tk:s('image')"/>]</span>
        <!-- the missing image's own description stands beside its label -->
        <xsl:for-each select="tei:desc[normalize-space()]">
          <xsl:text> </xsl:text><span class="tei-desc graphic-desc"><xsl:apply-templates/></span>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--* Is @url a relative path that stays inside the edition's folder? -->
  <xsl:function name="tk:local-image" as="xs:boolean">
    <xsl:param name="url" as="attribute()?"/>
    <xsl:sequence select="exists($url) and matches($url, '^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(jpe?g|png|gif|svg|webp)$', 'i')
        and not(tokenize($url, '/') = ('..', '.', ''))"/>
  </xsl:function>

  <!-- ============ diplomatic transcription (sourceDoc) ============ -->
  <xsl:template match="tei:sourceDoc">
    <section class="tei-sourceDoc"><xsl:call-template name="tk:id"/><xsl:apply-templates/></section>
  </xsl:template>
  <xsl:template match="tei:surface | tei:surfaceGrp">
    <section class="tei-{local-name()}">
      <xsl:call-template name="tk:id"/>
      <xsl:if test="@n"><p class="surface-label"><xsl:value-of select="tk:s('surface') || ' ' || @n"/></p></xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>
  <xsl:template match="tei:zone">
    <div class="tei-zone"><xsl:call-template name="tk:id"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:line">
    <span class="tei-line"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span><br/>
  </xsl:template>

  <!-- ============ critical apparatus ============ -->
  <!-- The lemma (or, without one, the first reading) stands in the text; every other reading,
       with its witnesses' sigla, is kept in the apparatus entry that follows it, shown on hover
       and as a footnote-like list (class app-entry). -->
  <xsl:template match="tei:app">
    <xsl:param name="tk:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="app" select="."/>
    <!-- this entry's own readings (maybe in groups, rdgGrp): not those of an apparatus nested
         in one of them, which has its own entry where it stands -->
    <xsl:variable name="readings" select=".//(tei:lem | tei:rdg)[ancestor::tei:app[1] is $app]"/>
    <xsl:variable name="base" select="tk:base-reading(.)"/>
    <!-- the lemma repeated at the head of its entry, as in a printed apparatus (not an empty
         one without witnesses: an editor's deletion); without a lem, the reading that stands
         in the text too when it names its witnesses (a synopsis of manuscripts: "nun hoeret]
         C; armer D", else the reader could not tell whose text it is) -->
    <xsl:variable name="listed" select="$readings[not(. is $base)]
        | $base[self::tei:lem][normalize-space() or @wit] | $base[self::tei:rdg][normalize-space(@wit)]"/>
    <!-- what the entry says besides its readings: a witness's detail, an editor's note, ... -->
    <xsl:variable name="details" select="(* | .//tei:rdgGrp[ancestor::tei:app[1] is $app]/*)
        [not(self::tei:lem or self::tei:rdg or self::tei:rdgGrp)]"/>
    <!-- readings of whole divisions or paragraphs (a lemma of two poems, LDLT's epigrams):
         blocks, which no span may hold -->
    <xsl:variable name="el" select="if (tk:holds-block(.)) then 'div' else 'span'"/>
    <!-- an entry kept apart from the text (an apparatus in the back, pointing at its passage
         with @from, CBETA's 校註): its lemma links to the passage, else a reader cannot find
         which of the text's words it is about -->
    <xsl:variable name="place" select="if (@from and empty($base/*) and not($tk:in-link))
        then tk:target(@from)[not(ancestor::* intersect $app)] ! tk:href-of(.) else ()"/>
    <xsl:element name="{$el}"><xsl:attribute name="class" select="'tei-app'"/><xsl:call-template name="tk:id"/><xsl:element name="{$el}"><xsl:attribute name="class" select="'app-lemma'"/><xsl:choose>
        <xsl:when test="exists($place)"><a class="app-place" href="{$place}"><xsl:apply-templates select="$base/node()"/></a></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="$base/node()"/></xsl:otherwise></xsl:choose></xsl:element>
      <xsl:if test="exists($listed | $details)">
      <xsl:element name="{$el}"><xsl:attribute name="class" select="'app-entry'"/><xsl:attribute name="role" select="'note'"/><xsl:text> [</xsl:text>
        <xsl:for-each select="$listed">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:element name="{if (. is $base or not(tk:holds-block(.))) then 'span' else 'div'}">
          <xsl:attribute name="class" select="'app-reading tei-' || local-name() || (if (. is $base) then ' lemma-copy' else '')"/>
          <!-- what kind of variant it is, in the edition's words (the Patristic Text Archive's
               type="transposition", cause="orthographic"; DHARMA's lem type="emn"), on hover -->
          <xsl:if test="normalize-space(@type) or normalize-space(@cause)">
            <xsl:attribute name="title" select="string-join((@type, @cause)[normalize-space()] ! normalize-space(), ', ')"/>
          </xsl:if>
            <xsl:choose>
              <!-- the lemma's words only: the text above holds its markup, ids and nested entries -->
              <xsl:when test=". is $base"><xsl:value-of select="tk:plain(.)"/></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="node()"/></xsl:otherwise>
            </xsl:choose>
            <!-- a reading of no words: these witnesses omit the passage ("om. Ac Ad", as in print) -->
            <xsl:if test="not(normalize-space()) and empty(.//tei:gap)"><span class="tk-generated"><xsl:value-of select="tk:s('omitted')"/></span></xsl:if>
            <xsl:if test="@wit"><xsl:text> </xsl:text><span class="app-wit"><xsl:value-of select="tk:sigla(@wit)"/></span></xsl:if>
            <xsl:for-each select="(@source, @resp)[normalize-space()]"><xsl:text> </xsl:text><xsl:call-template name="tk:app-sources"/></xsl:for-each>
            <!-- where a fragmentary witness's text begins or ends, or a lacuna in it, within this
                 reading (the Patristic Text Archive's <rdg wit="#160"><witEnd/>ὄψονται</rdg>):
                 the entry said "ὄψονται 160" and a reader could not tell why 160 was named -->
            <xsl:variable name="events" select=".//(tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd)
                [ancestor::tei:app[1] is $app]"/>
            <xsl:if test="exists($events)">
              <xsl:text> </xsl:text><span class="app-wit-event tk-generated">(<xsl:value-of
                  select="string-join($events ! tk:witness-event(., false()), ', ')"/>)</span>
            </xsl:if>
          </xsl:element>
        </xsl:for-each>
        <xsl:for-each select="$details">
          <xsl:if test="exists($listed) or position() gt 1">; </xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
        <xsl:text>]</xsl:text></xsl:element>
      </xsl:if></xsl:element>
  </xsl:template>
  <!-- What a witness does at this place ("followed by a page break"): its sigla, then the words;
       one of no words says what it is by its @type alone (DHARMA's <witDetail wit="#msNa"
       type="ac"/>, "before correction"), which is shown as written: the entry showed the
       sigla followed by nothing. -->
  <xsl:template match="tei:witDetail">
    <span class="tei-witDetail"><xsl:call-template name="tk:id"/>
      <xsl:if test="@wit"><span class="app-wit"><xsl:value-of select="tk:sigla(@wit)"/></span><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="not(normalize-space()) and empty(*) and normalize-space(@type)">
        <span class="witDetail-type tk-generated"><xsl:value-of select="normalize-space(@type)"/></span>
      </xsl:if>
      <xsl:apply-templates/></span>
  </xsl:template>

  <!-- Where a fragmentary witness's text begins or ends (witStart, witEnd) or a lacuna in it
       (lacunaStart, lacunaEnd): said in the apparatus entry (tk:app); where the reading stands
       in the text, an empty mark saying it on hover, so the text reads as the edition's. -->
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd">
    <span class="tei-{local-name()}" title="{tk:witness-event(., true())}"><xsl:call-template name="tk:id"/></span>
  </xsl:template>
  <!--* The words for a witness's beginning, end or lacuna ("text ends"), after the witnesses
        it is said of when $sigla: its own @wit, else its reading's ("160 text ends"); without
        $sigla, its own @wit only (its reading's sigla stand beside it in the entry). -->
  <xsl:function name="tk:witness-event" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="sigla" as="xs:boolean"/>
    <xsl:variable name="wit" select="($e/@wit, if ($sigla) then $e/ancestor::*[self::tei:rdg or self::tei:lem][1]/@wit else ())
        [normalize-space()][1]"/>
    <xsl:sequence select="string-join(($wit ! tk:sigla(.), tk:s(if ($e/self::tei:witStart) then 'witness-starts'
        else if ($e/self::tei:witEnd) then 'witness-ends' else if ($e/self::tei:lacunaStart) then 'lacuna-starts'
        else 'lacuna-ends'))[normalize-space()], ' ')"/>
  </xsl:function>

  <!-- Whose reading it is when the apparatus names editions, not manuscripts (@source: EpiDoc's
       rdg source="#bertolini1876a #cilv8737"), or who proposed it (@resp: papyri.info's
       lem resp="BL 1.316", a correction's place in the Berichtigungsliste): without them a
       reader saw two readings and could not tell who read which. Each by its short name
       (teikit's, not the text's words), linked to its entry when the document holds it; a
       @resp that points nowhere (no "#", no URI) as written. The context item: the attribute. -->
  <xsl:template name="tk:app-sources">
    <span class="app-source tk-generated">
      <xsl:for-each select="if (not(contains(., '#') or contains(., ':'))) then normalize-space(.)
          else tokenize(normalize-space(.))">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:variable name="target" select="tk:target(.)"/>
        <xsl:variable name="label" select="tk:source-label($target, .)"/>
        <xsl:variable name="href" select="tk:href-of($target)"/>
        <xsl:choose>
          <xsl:when test="exists($href)"><a href="{$href}"><xsl:value-of select="$label"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </span>
  </xsl:template>
  <!--* A source's short name: its @n; a person's or body's name; a bibliography entry's short or only title when that is
        short ("Bertolini 1876a"), else its first author's surname and its date; else the
        pointer's name ("cilv8737" of "#cilv8737" or "bib.xml#cilv8737"). -->
  <xsl:function name="tk:source-label" as="xs:string">
    <xsl:param name="target" as="element()?"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="titles" select="$target/(tei:title[@type = ('short', 'abbr', 'abbreviated')], tei:abbr,
        tei:title[count(tokenize(normalize-space())) le 6])"/>
    <xsl:variable name="who" select="($target/(tei:author, tei:editor)//tei:surname, $target/(tei:author, tei:editor))[1]"/>
    <xsl:sequence select="(
        $target/@n,
        $target[self::tei:person or self::tei:personGrp or self::tei:org] ! tk:entity-name(.),
        $titles,
        if ($who and $target/tei:date) then normalize-space($who) || ' ' || normalize-space($target/tei:date[1]) else (),
        replace(replace($pointer, '^.*#', ''), '^.*/', '')
      )[normalize-space()][1] ! normalize-space(.)"/>
  </xsl:function>

  <!--* Witness sigla of a @wit: each pointer's target witness @n, else its id. -->
  <xsl:function name="tk:sigla" as="xs:string">
    <xsl:param name="wit" as="attribute()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($wit)) ! substring-after(., '#')[.] ! (
        (key('tk:id', ., $tk:doc)/@n, .)[1]), ' ')"/>
  </xsl:function>
  <xsl:template match="tei:listWit">
    <ul class="tei-listWit"><xsl:call-template name="tk:id"/><xsl:apply-templates/></ul>
  </xsl:template>
  <xsl:template match="tei:witness">
    <li class="tei-witness"><xsl:call-template name="tk:id"/><xsl:apply-templates/></li>
  </xsl:template>

  <!-- MathML passes through unchanged (browsers and EPUB readers render it). -->
  <xsl:template match="tei:formula">
    <span class="tei-formula"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="mml:math" xmlns:mml="http://www.w3.org/1998/Math/MathML">
    <xsl:copy-of select="." copy-namespaces="no"/>
  </xsl:template>

  <!-- An SVG drawing in the text (a figure's diagram, TEI's own test files) is drawn where it
       stands, as the TEI Stylesheets draw it, unless it could run or load anything (tk:svg-danger:
       drawn in the page, a script would run on the site's origin; docs/security.md): then its
       words alone are kept (its title, its labels), and the build says why (render.image-unsafe). -->
  <xsl:template match="svg:svg">
    <xsl:choose>
      <xsl:when test="tk:svg-danger(.) = ''"><xsl:copy-of select="." copy-namespaces="no"/></xsl:when>
      <xsl:otherwise>
        <span class="tei-svg"><xsl:for-each select=".//text()[normalize-space()]">
          <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if><xsl:value-of select="."/>
        </xsl:for-each></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--* What in an SVG drawing could run a script or load another resource, in words ('' when
        nothing): as teikit.build.html.svg_danger asks of an SVG file, and animations that
        would set a link or a handler. -->
  <xsl:function name="tk:svg-danger" as="xs:string">
    <xsl:param name="svg" as="element()"/>
    <xsl:variable name="loads" select="'url\(\s*[''&quot;]?\s*[^#''&quot;\s)]|@import|expression\s*\('"/>
    <xsl:variable name="active" select="$svg/descendant-or-self::*[lower-case(local-name()) = ('script', 'foreignobject',
        'iframe', 'embed', 'object', 'handler', 'listener')
        or (matches(local-name(), '^(set|animate)') and matches(lower-case(@attributeName), '^(on|href$|xlink:href$)'))][1]"/>
    <xsl:variable name="handler" select="($svg/descendant-or-self::*/@*[starts-with(lower-case(local-name()), 'on')])[1]"/>
    <xsl:variable name="script-url" select="($svg/descendant-or-self::*/@*[matches(lower-case(replace(., '\s', '')), '(java|vb)script:')])[1]"/>
    <xsl:variable name="reference" select="($svg/descendant-or-self::*/@*[lower-case(local-name()) = ('href', 'src')]
        [normalize-space()][not(starts-with(normalize-space(.), '#'))]
        [not(matches(normalize-space(.), '^data:image/(png|jpeg|gif|webp)[;,]', 'i'))])[1]"/>
    <xsl:variable name="style" select="($svg/descendant-or-self::*[lower-case(local-name()) = 'style'][matches(string(.), $loads, 'i')],
        $svg/descendant-or-self::*/@style[matches(., $loads, 'i')])[1]"/>
    <xsl:sequence select="
        if ($active) then 'a &lt;' || local-name($active) || '&gt; element'
        else if ($handler) then 'an event handler (' || local-name($handler) || ')'
        else if ($script-url) then 'a script URL'
        else if ($reference) then 'a reference to another resource (' || substring(normalize-space($reference), 1, 60) || ')'
        else if ($style) then 'a style that loads another file'
        else ''"/>
  </xsl:function>

  <xsl:template match="tei:quote | tei:cit">
    <xsl:element name="{if (tk:has-block-child(.)) then 'blockquote' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="tk:has-block-child" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/*[not(self::tei:quote or self::tei:cit)][tk:is-block(.)])
        or exists($e/(tei:quote | tei:cit)[tk:has-block-child(.)])"/>
  </xsl:function>

  <!-- ============ phrases ============ -->

  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="tokenize(lower-case(translate(string-join((@rend, @rendition, @style), ' '), '#;:', '   ')))"/>
    <!-- a hi that says nothing of how it is set off is still set off from the text around it:
         in italics, as print most often does (EEBO-TCP's 2,334 bare hi in one book, its
         names and Latin, read as the text around them); italics inside italics are upright -->
    <xsl:element name="{if (tk:holds-block(.)) then 'div'
        else if ($rend = ('italic', 'italics', 'it', 'i') or empty($rend)) then 'i'
        else if ($rend = ('bold', 'b')) then 'b'
        else if ($rend = ('sup', 'superscript')) then 'sup'
        else if ($rend = ('sub', 'subscript')) then 'sub'
        else if ($rend = ('underline', 'u')) then 'u'
        else 'span'}">
      <!-- rend="color(red)" (the TEI Stylesheets' form): a colour named by letters alone, as a
           class the stylesheet colours (one rule for each CSS colour name): a style attribute
           is refused by the pages' Content-Security-Policy -->
      <xsl:variable name="colour" select="($rend[matches(., '^colou?r\([a-z]+\)$')])[1]
          ! ('tk-color-' || replace(., '^colou?r\(([a-z]+)\)$', '$1'))"/>
      <xsl:attribute name="class" select="string-join(('hi', $rend[. != ''], $colour), ' ')"/>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'em'}">
      <xsl:call-template name="tk:id"/><xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'i'}">
      <xsl:attribute name="class" select="'tei-foreign'"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/></xsl:if>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:title">
    <xsl:variable name="title" as="element()">
      <xsl:element name="{if (tk:holds-block(.)) then 'div' else if (@level = 'a' or @level = 'u') then 'span' else 'cite'}">
        <xsl:attribute name="class" select="'tei-title level-' || (@level, 'm')[1]"/>
        <xsl:call-template name="tk:id"/>
        <xsl:apply-templates/>
      </xsl:element>
    </xsl:variable>
    <!-- a title naming a work of a bibliography register (title/@ref) leads to the work's
         page, as a name leads to its person's; not inside a link, nor around one -->
    <xsl:variable name="work" select="if (@ref and not(tk:holds-block(.))) then tk:target(@ref)[tk:register-of(.) = 'works'] else ()"/>
    <xsl:choose>
      <xsl:when test="exists($work) and empty(ancestor::*[self::tei:ref[@target] or self::tei:ptr])
                      and empty(descendant::*[@ref or @target or self::tei:note or self::tei:anchor])">
        <a class="work-link" href="{tk:entity-file($work)}"><xsl:sequence select="$title"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$title"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:q | tei:said | tei:term | tei:mentioned | tei:soCalled | tei:gloss | tei:date
                       | tei:num | tei:time | tei:measure | tei:surname | tei:forename | tei:roleName
                       | tei:addName | tei:genName | tei:nameLink | tei:seg | tei:unclear | tei:w | tei:pc
                       | tei:s | tei:cl | tei:phr | tei:m
                       | tei:c | tei:idno | tei:author | tei:editor | tei:imprint | tei:publisher | tei:pubPlace
                       | tei:biblScope | tei:monogr | tei:analytic | tei:series | tei:respStmt | tei:resp
                       | tei:meeting | tei:country | tei:region | tei:settlement | tei:bloc | tei:district
                       | tei:bibl | tei:role | tei:roleDesc | tei:wit | tei:citedRange">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="tk:id"/><xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- An identifier that is a web address (a register's GND, VIAF or GeoNames URI, as the
       letters editions give them: idno type="gnd"): a link, not a URL to copy by hand -->
  <xsl:template match="tei:idno[matches(normalize-space(), '^https?://[^\s&quot;&lt;&gt;]+$')]" priority="1">
    <a class="tei-idno external" href="{normalize-space()}"><xsl:call-template name="tk:id"/><xsl:value-of select="normalize-space()"/></a>
  </xsl:template>

  <!-- A role's description set right after its name with nothing between (WordHoard's
       <role>Claudius</role> <roleDesc>king of Denmark</roleDesc>) read "Claudius king of
       Denmark": a comma, as cast lists print it (teikit's, no word); one the text writes
       itself (DraCor's "Hamlet, son to…") is left alone. -->
  <xsl:template match="tei:role[following-sibling::node()[not(self::text()[not(normalize-space())])][1][self::tei:roleDesc]]"
      priority="1">
    <xsl:next-match/>
    <span class="tk-generated">,</span>
  </xsl:template>

  <!-- A number given by its value alone (DHARMA's inscriptions: <num value="930"/> śaka, a
       numeral the encoder did not transcribe): the value, as teikit's words; the reader saw
       "śaka" with no year. -->
  <xsl:template match="tei:num[empty(node())][normalize-space(@value)]" priority="1">
    <span class="tei-num"><xsl:call-template name="tk:id"/><span class="tk-generated"><xsl:value-of
        select="normalize-space(@value)"/></span></span>
  </xsl:template>

  <!-- Ruby (furigana: a reading set small above its base, CETEIcean's Japanese sample): HTML's
       own ruby, so that the reading stands above the characters it reads rather than run into
       the line after them ("邪智暴虐 じゃちぼうぎゃく"); the white space indenting the parts is
       no text. The parentheses (rp) are for a reader without ruby, teikit's and no words. -->
  <xsl:template match="tei:ruby">
    <ruby class="tei-ruby"><xsl:call-template name="tk:id"/><xsl:apply-templates
        select="node()[not(self::text()[not(normalize-space())])]"/></ruby>
  </xsl:template>
  <xsl:template match="tei:rb">
    <span class="tei-rb"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:rt">
    <rp class="tk-generated">(</rp><rt class="tei-rt"><xsl:call-template name="tk:id"/><xsl:apply-templates/></rt><rp class="tk-generated">)</rp>
  </xsl:template>

  <!-- A glyph or non-standard character (g) declared in the document's charDecl (char or
       glyph, pointed at by @ref): its own content when it has one a reader can see; else
       (empty, or a private-use code point that no font shows: CBETA's <g ref="#CB03340">U+F0D0C</g>)
       what the declaration gives: a Unicode mapping (a mapping's "U+2353B" is that
       character), else a normalized form among its properties, else its description or
       name in brackets (generated, not the text's word). The declaration's name and
       properties are on hover. An empty g whose declaration is not in the document (EEBO-TCP's
       ref="char:abque", declared in a file of their own) shows nothing: html.xsl says how many. -->
  <xsl:template match="tei:g">
    <xsl:variable name="decl" select="tk:glyph-declaration(.)"/>
    <xsl:variable name="seen" select="matches(string(.), '[^\s&#xE000;-&#xF8FF;&#xF0000;-&#xFFFFD;&#x100000;-&#x10FFFD;]')"/>
    <xsl:variable name="shown" select="if ($seen or empty($decl)) then () else tk:glyph-text($decl)"/>
    <span class="tei-g">
      <xsl:call-template name="tk:id"/>
      <xsl:if test="exists($decl)"><xsl:attribute name="title" select="tk:glyph-description($decl)"/></xsl:if>
      <xsl:choose>
        <xsl:when test="$shown[1]"><xsl:value-of select="$shown[1]"/></xsl:when>
        <!-- a name in brackets, once: a composition such as "[木*突]" has its own -->
        <xsl:when test="$shown[2]"><span class="tk-generated"><xsl:value-of
            select="if (matches($shown[2], '^\[.*\]$')) then $shown[2] else '[' || $shown[2] || ']'"/></span></xsl:when>
        <!-- empty and declared nowhere, but named by its @type (EpiDoc's <g type="apostrophe"/>,
             papyri.info's every elision): the sign its type names, else the type in brackets -->
        <xsl:when test="empty($decl) and not(normalize-space()) and normalize-space(@type)">
          <xsl:attribute name="title" select="normalize-space(@type)"/>
          <!-- (the type as written, "high_punctus" or "high-punctus"; shown in words, "[doubled
               diple]" for DHARMA's doubled_diple, not with its underscore) -->
          <xsl:variable name="sign" select="$tk:glyph-types(replace(lower-case(normalize-space(@type)), '[_\s]', '-'))"/>
          <xsl:choose>
            <xsl:when test="exists($sign)"><xsl:value-of select="$sign"/></xsl:when>
            <xsl:otherwise><span class="tk-generated">[<xsl:value-of
                select="normalize-space(translate(normalize-space(@type), '_', ' '))"/>]</span></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>
  <!-- The signs EpiDoc names by g/@type (EpiDoc Guidelines, "Symbols and other glyphs"; the
       papyri.info and EpiDoc stylesheets print them so): TEI practice, not one edition's. -->
  <xsl:variable name="tk:glyph-types" as="map(xs:string, xs:string)" select="map{
      'apostrophe': '&#x2019;', 'diastole': '&#x2019;', 'middot': '&#xB7;', 'mid-punctus': '&#xB7;',
      'interpunct': '&#xB7;', 'high-punctus': '&#x2D9;', 'dipunct': ':', 'tripunct': '&#x205D;',
      'stauros': '&#x2020;', 'cross': '&#x2020;', 'chirho': '&#x2627;', 'chi-rho': '&#x2627;',
      'staurogram': '&#x2CE8;', 'hedera': '&#x2766;', 'leaf': '&#x2766;', 'slanting-stroke': '&#x2571;',
      'parens-punctuation-opening': '(', 'parens-punctuation-closing': ')'}"/>

  <!--* The char or glyph of the document's charDecl that a g points at (@ref "#ID"), if any. -->
  <xsl:function name="tk:glyph-declaration" as="element()?">
    <xsl:param name="g" as="element()"/>
    <xsl:sequence select="tk:target($g/@ref)[self::tei:char or self::tei:glyph]"/>
  </xsl:function>

  <!--* What stands for a declared character: (a character a reader can see, ()) from a
        mapping or a normalized property, else ((), a name) to show in brackets, else (). A
        mapping of a private-use code point is no help to a reader without the edition's font. -->
  <xsl:function name="tk:glyph-text" as="xs:string*">
    <xsl:param name="decl" as="element()"/>
    <xsl:variable name="mapped" select="($decl/tei:mapping[not(@type = ('PUA', 'pua', 'private'))],
        $decl/(tei:charProp | tei:unicodeProp | tei:localProp)
          [matches(string((tei:localName, tei:unicodeName, @name)[1]), 'normali[sz]|standard', 'i')]/(tei:value, @value))
        ! tk:code-points(normalize-space(.))[matches(., '[^\s&#xE000;-&#xF8FF;&#xF0000;-&#xFFFFD;&#x100000;-&#x10FFFD;]')]"/>
    <xsl:variable name="named" select="($decl/tei:desc, $decl/tei:charProp/tei:value, $decl/tei:charName,
        $decl/tei:glyphName)[normalize-space()][1] ! normalize-space(.)"/>
    <xsl:sequence select="if (exists($mapped)) then ($mapped[1], ()) else if (exists($named)) then ('', $named) else ()"/>
  </xsl:function>

  <!--* A mapping's text as characters: "U+2353B" (as CBETA writes them) is that code point. -->
  <xsl:function name="tk:code-points" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="if (matches($s, '^(U\+[0-9A-Fa-f]{4,6}\s*)+$'))
        then codepoints-to-string(tokenize($s) ! fold-left(string-to-codepoints(upper-case(substring(., 3))), 0,
             function($n, $c) { $n * 16 + (if ($c ge 65) then $c - 55 else $c - 48) }))
        else $s"/>
  </xsl:function>

  <!--* A declared character's hover text: its name, description and properties. -->
  <xsl:function name="tk:glyph-description" as="xs:string">
    <xsl:param name="decl" as="element()"/>
    <xsl:sequence select="string-join(distinct-values(($decl/(tei:charName | tei:glyphName | tei:desc | tei:note),
        $decl/(tei:charProp | tei:unicodeProp | tei:localProp)/string-join((tei:localName, tei:unicodeName, @name, tei:value, @value), ': '))
        ! normalize-space(.)[.]), '; ')"/>
  </xsl:function>

  <!-- A substitution or modification (subst, mod: a letter overwritten, a word replaced) is
       its deletions and additions; the white space that indents them in the source is not
       the text's (a subst holds no text; the Shelley-Godwin Archive's mod neither): shown, it
       split the word it changes ("tha<mod><del>n</del><add>t</add></mod>" read "tha n t"). -->
  <xsl:template match="tei:subst | tei:mod">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates select="node()[not(self::text()[not(normalize-space())])]"/>
    </xsl:element>
  </xsl:template>

  <!-- Coordinates (geo, in a register entry's location): as written, muted, and a link to the
       place on OpenStreetMap when they read as latitude and longitude in degrees ("48.2083
       16.3731", "48.2083, 16.3731", or with decimal commas, "48,208333 16,373056": letters
       editions write both); nothing is fetched, the reader follows the link or not. -->
  <xsl:template match="tei:geo">
    <xsl:variable name="parts" select="analyze-string(normalize-space(),
        '^(-?\d{1,2}(?:[.,]\d+)?)(?:\s+|\s*,\s+|\s*;\s*)(-?\d{1,3}(?:[.,]\d+)?)$')//*:group ! translate(., ',', '.')"/>
    <xsl:variable name="lat" select="if (count($parts) = 2) then number($parts[1]) else ()"/>
    <xsl:variable name="lon" select="if (count($parts) = 2) then number($parts[2]) else ()"/>
    <span class="tei-geo"><xsl:call-template name="tk:id"/>
      <xsl:choose>
        <xsl:when test="exists($lat) and abs($lat) le 90 and abs($lon) le 180 and empty(ancestor::tei:ref[@target] | ancestor::tei:ptr)">
          <a class="geo-link" href="https://www.openstreetmap.org/?mlat={$parts[1]}&amp;mlon={$parts[2]}#map=12/{$parts[1]}/{$parts[2]}"><xsl:apply-templates/></a>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- A space left in the source (space unit="chars" quantity="3") is a visible gap: without
       it "daß<space/>sie" reads "daßsie". Wider gaps keep their width (no-break spaces, then
       one breaking space so that a line may still end there); its content, if any, follows. -->
  <xsl:template match="tei:space">
    <xsl:variable name="n" select="if (@unit = ('chars', 'char', 'characters') and @quantity castable as xs:integer)
        then min((max((xs:integer(@quantity), 1)), 40)) else 1"/>
    <span class="tei-space"><xsl:call-template name="tk:id"/>
      <xsl:value-of select="string-join((for $i in 2 to $n return '&#xA0;', ' '), '')"/>
      <xsl:apply-templates/></span>
  </xsl:template>

  <!-- Names: a link to the entity's page when @ref names one (and we are not inside a link). -->
  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:name | tei:rs | tei:geogName">
    <xsl:variable name="file" select="tk:entity-file-of(.)"/>
    <xsl:choose>
      <!-- Not a link inside a link, nor around one (a note marker, a nested name). -->
      <xsl:when test="exists($file) and empty(ancestor::*[self::tei:ref[@target] or self::tei:ptr])
                      and empty(descendant::*[@ref or @target or self::tei:note or self::tei:anchor])">
        <a class="entity tei-{local-name()}" href="{$file}" id="{tk:mention-id(.)}">
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}">
          <!-- A mention keeps its anchor (person pages link to it) even when it is not a link. -->
          <xsl:choose>
            <xsl:when test="exists($file)"><xsl:attribute name="id" select="tk:mention-id(.)"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="tk:id"/></xsl:otherwise>
          </xsl:choose>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Editorial alternatives: show one reading, keep the other hidden. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="other" select="* except (tei:corr | tei:reg | tei:expan)"/>
    <span class="tei-choice">
      <xsl:call-template name="tk:id"/>
      <!-- the other reading stays reachable: on hover (title) and in the hidden span -->
      <xsl:if test="exists($other) and exists(tei:corr | tei:reg | tei:expan)">
        <xsl:attribute name="title" select="string-join($other ! (local-name() || ': ' || normalize-space(.)), '; ')"/>
      </xsl:if>
      <xsl:apply-templates select="tei:corr | tei:reg | tei:expan"/>
      <xsl:apply-templates select="* except (tei:corr | tei:reg | tei:expan)"/>
    </span>
  </xsl:template>
  <xsl:template match="tei:choice/tei:sic | tei:choice/tei:orig | tei:choice/tei:abbr">
    <span class="tei-{local-name()}" hidden="hidden"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan">
    <span class="tei-{local-name()}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <!-- A pair outside a choice (<w><orig>dv</orig><reg>du</reg></w>: tk:paired-reading) reads as
       a choice does: the reading shown, the other hidden and on hover (not when they are the
       same: every word of an edition that pairs them all would be marked); both shown read "dvdu". -->
  <xsl:template match="(tei:sic | tei:orig | tei:abbr)[exists(tk:paired-reading(.))]" priority="1">
    <span class="tei-{local-name()}" hidden="hidden"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="(tei:corr | tei:reg | tei:expan)[exists(tk:paired-alternatives(.))]" priority="1">
    <xsl:variable name="other" select="tk:paired-alternatives(.)[normalize-space() ne normalize-space(current())]"/>
    <span class="tei-choice">
      <xsl:if test="exists($other)">
        <xsl:attribute name="title" select="string-join($other ! (local-name() || ': ' || normalize-space(.)), '; ')"/>
      </xsl:if>
      <span class="tei-{local-name()}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
    </span>
  </xsl:template>

  <!-- EpiDoc's Leiden conventions (the brackets come from the stylesheet, so they are no
       words): an expansion's letters "man(ibus)", surplus letters "{σ}", an abbreviation
       mark kept as written; a change of hand is said on hover of an empty marker. -->
  <xsl:template match="tei:ex | tei:surplus | tei:am">
    <span class="tei-{local-name()}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:handShift">
    <span class="tei-handShift" title="{normalize-space(string-join((tk:s('hand'), @new ! tk:hand-label(., .), @medium, @script), ' '))}">
      <xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:listApp">
    <div class="tei-listApp"><xsl:call-template name="tk:id"/><xsl:apply-templates/></div>
  </xsl:template>

  <!-- Supplied text in brackets (drawn by the stylesheet): [lost] where the source is damaged;
       <omitted> (angle brackets, Leiden's) where its scribe left the letters out, EpiDoc's
       reason="omitted" (the Concordia inscriptions' "Mattiacoru<supplied reason='omitted'>m"
       read "Mattiacoru[m]", as if the stone were broken there); a doubtful supplement
       (@cert low) ends in "?", as Leiden's [m?]. -->
  <xsl:template match="tei:supplied">
    <xsl:variable name="omitted" select="tokenize(normalize-space(@reason)) = 'omitted'"/>
    <span class="tei-supplied{if ($omitted) then ' omitted' else ''}{if (@cert = 'low') then ' cert-low' else ''}"
        title="{tk:s('supplied')}{if ($omitted) then ' (' || tk:s('omitted-in-source') || ')' else ''}{
            if (@cert = 'low') then ', ' || tk:s('uncertain') else ''}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <!-- Letters read with doubt (an unclear with text): a dotted underline, as Leiden's dot under
       each letter, and "unclear" with its reason on hover; shown as plain text they could not
       be told from the letters read with certainty. -->
  <xsl:template match="tei:unclear[normalize-space() or exists(*)]">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-unclear'"/>
      <xsl:attribute name="title" select="string-join((tk:s('unclear'), @reason)[normalize-space()], ': ')"/>
      <xsl:call-template name="tk:id"/><xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <!-- A gap: […], with what the editors say of it (its desc: "desunt uersus fere iv") inside
       the brackets, and its reason and extent on hover. -->
  <xsl:template match="tei:gap">
    <span class="tei-gap" title="{tk:s('gap') || (if (@reason or @extent) then ' (' || string-join((@reason, @extent), ', ') || ')' else '')}">
      <xsl:call-template name="tk:id"/>
      <xsl:text>[…</xsl:text>
      <xsl:for-each select="tei:desc">
        <xsl:text> </xsl:text><span class="gap-desc"><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>
  <!-- Damage: its legible text, with the damage's kind and extent on hover. With nothing legible
       left in it (an empty damage, "2 words" destroyed) it is a gap for the reader, […]:
       without a mark, the words either side of it read as if joined. -->
  <xsl:template match="tei:damage">
    <span class="tei-damage" title="{tk:s('damage') || (if (@type or @extent or @agent) then ' ('
        || string-join((@type, @extent, @agent), ', ') || ')' else '')}">
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
      <xsl:if test="not(*) and not(normalize-space())">[…]</xsl:if>
    </span>
  </xsl:template>
  <!-- where and by whom a change was made (added above the line, in another hand), on hover -->
  <xsl:template match="tei:del"><del><xsl:call-template name="tk:change-title"/><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="tei:add"><ins><xsl:call-template name="tk:change-title"/><xsl:apply-templates/></ins></xsl:template>
  <!-- A deletion or addition that spans other markup (delSpan, addSpan spanTo="#a" ... <anchor
       xml:id="a"/>; genetic and documentary editions: the Shelley-Godwin Archive strikes whole
       lines so): the text up to its anchor is shown struck or added, as a del or add would be;
       it once read as the running text, with no mark. Each text node is marked apart (the range
       crosses lines, zones and other elements), except the halves of a word broken across a
       line (lb break="no"): marked apart, they would no longer read as one word. -->
  <!-- (one walk of the text in document order, the spans open at each text node carried
       along: a range per span searched apart took time in the number of spans times the text) -->
  <xsl:variable name="tk:span-ends" as="map(xs:string, element()*)" select="map:merge(
      for $s in ($tk:doc//tei:delSpan | $tk:doc//tei:addSpan)[starts-with(normalize-space(@spanTo), '#')],
          $end in key('tk:id', substring(normalize-space($s/@spanTo), 2), $tk:doc)[1][. >> $s]
      return map{generate-id($end): $s}, map{'duplicates': 'combine'})"/>
  <xsl:variable name="tk:spans-ending" as="map(xs:string, xs:boolean)"
      select="map:merge($tk:span-ends?* ! map{generate-id(.): true()}, map{'duplicates': 'use-first'})"/>
  <xsl:variable name="tk:span-texts" as="map(xs:string, element()*)">
    <xsl:iterate select="if (map:size($tk:span-ends) = 0) then () else
        ($tk:doc//tei:delSpan | $tk:doc//tei:addSpan | $tk:doc//*[map:contains($tk:span-ends, generate-id(.))]
         | $tk:doc//text()[normalize-space()])">
      <xsl:param name="open" as="element()*" select="()"/>
      <xsl:param name="found" as="map(xs:string, element()*)" select="map{}"/>
      <xsl:on-completion select="$found"/>
      <xsl:variable name="closed" select="if (. instance of element()) then $tk:span-ends(generate-id(.)) else ()"/>
      <xsl:next-iteration>
        <xsl:with-param name="open" select="
            if (exists($closed)) then $open except $closed
            else if ((self::tei:delSpan | self::tei:addSpan)[map:contains($tk:spans-ending, generate-id(.))]) then ($open, .)
            else $open"/>
        <xsl:with-param name="found" select="
            if (. instance of text() and exists($open)
                and not((preceding-sibling::node()[not(self::comment() or self::processing-instruction())][1],
                         following-sibling::node()[not(self::comment() or self::processing-instruction())][1])
                        [(self::tei:lb | self::tei:cb | self::tei:milestone)[@break = 'no']]))
            then map:put($found, generate-id(.), $open) else $found"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:variable>
  <xsl:variable name="tk:has-spans" as="xs:boolean" select="exists($tk:doc//(tei:delSpan | tei:addSpan))"/>
  <xsl:template match="text()[$tk:has-spans][map:contains($tk:span-texts, generate-id(.))]" priority="2">
    <xsl:call-template name="tk:in-spans">
      <xsl:with-param name="spans" select="$tk:span-texts(generate-id(.))"/>
    </xsl:call-template>
  </xsl:template>
  <!-- (the span element itself is empty: only its id is kept) -->
  <xsl:template match="tei:delSpan | tei:addSpan">
    <span class="tei-{local-name()}"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>
  <!-- (one ins for the additions open here and one del for the deletions, whatever their
       number, each with the facts of the innermost: spans opened by the thousand and never
       closed must not nest a thousand elements around every word) -->
  <xsl:template name="tk:in-spans">
    <xsl:param name="spans" as="element()*"/>
    <xsl:variable name="add" select="$spans[self::tei:addSpan][last()]"/>
    <xsl:variable name="del" select="$spans[self::tei:delSpan][last()]"/>
    <xsl:choose>
      <xsl:when test="exists($add)">
        <ins class="tk-addSpan">
          <xsl:for-each select="$add"><xsl:call-template name="tk:change-title"/></xsl:for-each>
          <xsl:call-template name="tk:in-spans"><xsl:with-param name="spans" select="$del"/></xsl:call-template>
        </ins>
      </xsl:when>
      <xsl:when test="exists($del)">
        <del class="tk-delSpan">
          <xsl:for-each select="$del"><xsl:call-template name="tk:change-title"/></xsl:for-each>
          <xsl:next-match/>
        </del>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- A deletion cancelled (restore: "stet" dots under struck words, a smear undone): the text
       is in force again, so it is not struck (shown struck, "<restore><del>hi</del></restore>des"
       read as if "hi" were gone); the cancelled deletion is said on hover. Text written over
       again (retrace) and an author's mark (metamark: a caret, a paragraph sign) read as
       written, what they are on hover. -->
  <xsl:template match="tei:restore | tei:retrace | tei:metamark">
    <xsl:variable name="facts" select="(@type, @cause, @function, @rend, @place, @hand ! tk:hand-label(., substring-after(., '#'))[. != ''])
        [normalize-space()] ! normalize-space()"/>
    <span class="tei-{local-name()}" title="{string-join((tk:s(local-name()), string-join($facts, ', ')[.]), ': ')}">
      <xsl:call-template name="tk:id"/><xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:restore/tei:del" priority="1">
    <span class="tei-del tk-restored"><xsl:call-template name="tk:change-title"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template name="tk:change-title">
    <xsl:variable name="facts" select="(@place, @rend, @hand ! tk:hand-label(., substring-after(., '#'))[. != ''], @type)[normalize-space()] ! normalize-space()"/>
    <xsl:if test="exists($facts)"><xsl:attribute name="title" select="string-join($facts, ', ')"/></xsl:if>
  </xsl:template>
  <!--* Whose hand a @hand or @new names, as the header describes it: the handNote's words when
        short (the Patristic Text Archive's <handNote xml:id="m2">Korrektor</handNote>), else its
        @scribe, else $fallback (the pointer as written or its name): "above, m2" told a reader
        nothing the header did not say. -->
  <xsl:function name="tk:hand-label" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:variable name="note" select="tk:target(normalize-space($pointer))[self::tei:handNote]"/>
    <xsl:variable name="words" select="normalize-space(string-join($note//text(), ' '))"/>
    <xsl:sequence select="string((if (string-length($words) le 60) then $words else (), $note/@scribe ! normalize-space(.),
        $fallback)[. != ''][1])"/>
  </xsl:function>

  <!-- An empty unclear (a word the editor could not read, reason="illegible"): "[?]", as the
       TEI Stylesheets show it, with its reason on hover; it once showed nothing at all. -->
  <xsl:template match="tei:unclear[not(normalize-space()) and empty(*)]">
    <span class="tei-unclear illegible" title="{string-join((tk:s('unclear'), @reason, @extent)[normalize-space()], ': ')}">[?]</span>
  </xsl:template>

  <!-- A line break; break="no" joins the word it splits (no space, no hyphen): the white
       space that indents the source either side of it is not the text's. The line still
       breaks there (span.tk-join around a br): a diplomatic text (an inscription, a manuscript) is read
       and cited by its lines, and dropping this one ran two lines into one. The halves stay
       one word for the browser's text and the word count (preservation.py). -->
  <!-- A caesura, the pause within a verse line, is a gap between its halves: CBETA's verses
       (大道無門<caesura/>千差有路) ran their phrases together, as did any half-lines written
       without a space. A space holds the place (a copied line keeps its halves apart). -->
  <xsl:template match="tei:caesura"><span class="tei-caesura"><xsl:call-template name="tk:id"/><xsl:text> </xsl:text></span></xsl:template>
  <xsl:template match="tei:lb"><br/><xsl:call-template name="tk:lb-number"/></xsl:template>
  <!-- A line numbered by @n shows its number every fifth line at its right, as a verse line
       does (tk:line-number): an inscription or a papyrus is cited by its lines (EpiDoc's
       <lb n="5"/>), and a reader could not find line 15. The stylesheet draws the number
       (from data-n): as text, it split the word a break="no" runs across ("Ἱπ5ποσθένης") for
       the search, the word count and a reader's copy. -->
  <xsl:template name="tk:lb-number">
    <xsl:variable name="n" select="if (@n castable as xs:integer) then xs:integer(@n) else ()"/>
    <xsl:if test="$n gt 0 and $n mod 5 eq 0">
      <span class="lb-n" data-n="{$n}" aria-hidden="true"></span>
    </xsl:if>
  </xsl:template>
  <!-- A line break standing between blocks (between the verse lines of a stanza or speech,
       where Perseus marks another edition's lineation, <lb ed="actscene" n="5"/>): no line
       of text ends there, and a br drew an empty line every five verses. Only its id is kept. -->
  <xsl:template match="tei:lb[parent::tei:lg or parent::tei:sp or parent::tei:spGrp or parent::tei:body
                       or parent::tei:front or parent::tei:back or parent::tei:group or parent::tei:text
                       or starts-with(local-name(..), 'div')][not(tk:ends-loose-line(.))]" priority="0.6">
    <xsl:if test="@xml:id"><span class="tei-lb"><xsl:call-template name="tk:id"/></span></xsl:if>
  </xsl:template>
  <!--* Does a line of text written straight into a division (no p or ab around it) end at
        this line break? Then it is a break, as in a paragraph: CBETA's table of contents,
        <head>…</head><lb/>吳序<lb/>黃序<lb/>卷之一…, ran its entries into one word each. What
        stands before it, pages, anchors and white space aside, is text or a phrase. -->
  <xsl:function name="tk:ends-loose-line" as="xs:boolean">
    <xsl:param name="lb" as="element()"/>
    <xsl:variable name="before" select="$lb/preceding-sibling::node()[not(self::comment()
        or self::processing-instruction() or self::text()[not(normalize-space())] or self::tei:pb
        or self::tei:anchor or self::tei:milestone or self::tei:cb or self::tei:gb or self::tei:lb)][1]"/>
    <xsl:sequence select="exists($before[self::text() or self::*[not(tk:is-block(.))]])"/>
  </xsl:function>
  <!-- A line break opening its block, nothing but white space and marks that show no text
       before it (EpiDoc's every ab begins with <lb n="1"/>, as does a diplomatic
       transcription's every paragraph, at times inside a first seg after a page break): no
       line ends there, and a br drew an empty line at the top of every inscription and
       papyrus. Only its id is kept. -->
  <xsl:template match="tei:lb[tk:opens-block(.)]" priority="0.7">
    <xsl:if test="@xml:id"><span class="tei-lb"><xsl:call-template name="tk:id"/></span></xsl:if>
    <xsl:call-template name="tk:lb-number"/>
  </xsl:template>
  <!--* Does nothing a reader sees come before $e in its block (in it, or in the phrases that
        open the block and hold it)? A page break, anchor or milestone shows no text. -->
  <xsl:function name="tk:opens-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/parent::*) and empty($e/preceding-sibling::node()[self::text()[normalize-space()]
        or self::*[not(self::tei:pb or self::tei:anchor or self::tei:milestone or self::tei:cb or self::tei:gb)]])
        and (tk:is-block($e/..) or tk:opens-block($e/..))"/>
  </xsl:function>
  <!-- The stylesheet draws a hyphen at the line's end (.tk-join::before: no text in the page,
       so the word stays whole), unless the text already ends in one ("Ge-", "Ge¬"). -->
  <xsl:template match="tei:lb[@break = 'no']">
    <span class="tk-join{if (preceding-sibling::node()[not(self::comment() or self::processing-instruction())][1]
        [self::text()][matches(., '[-¬‐⸗=]\s*$')]) then ' tk-hyphenated' else ''}"><br/><xsl:call-template name="tk:lb-number"/></span>
  </xsl:template>
  <xsl:template match="text()[$tk:has-c1]
                       | text()[following-sibling::node()[not(self::comment() or self::processing-instruction())][1]
                                [(self::tei:lb | self::tei:cb | self::tei:milestone)[@break = 'no']]]
                       | text()[preceding-sibling::node()[not(self::comment() or self::processing-instruction())][1]
                                [(self::tei:lb | self::tei:cb | self::tei:milestone)[@break = 'no']]]">
    <xsl:value-of select="translate(tk:join-at-breaks(.), $tk:c1, $tk:cp1252)"/>
  </xsl:template>

  <!-- C1 control characters (U+0080-U+009F) are not allowed in HTML; in TEI they are nearly
       always Windows-1252 bytes read as Latin-1 (" 1832" for "† 1832"), so they are shown
       as those characters (U+FFFD where Windows-1252 has none), and the build says so
       (render.control-characters, html.xsl). -->
  <xsl:variable name="tk:c1" as="xs:string" select="codepoints-to-string(128 to 159)"/>
  <xsl:variable name="tk:cp1252" as="xs:string" select="codepoints-to-string((8364, 65533, 8218, 402, 8222,
      8230, 8224, 8225, 710, 8240, 352, 8249, 338, 65533, 381, 65533, 65533, 8216, 8217, 8220, 8221, 8226,
      8211, 8212, 732, 8482, 353, 8250, 339, 65533, 382, 376))"/>
  <xsl:variable name="tk:c1-texts" as="text()*" select="$tk:units//text()[matches(., '[&#x80;-&#x9F;]')]"/>
  <!-- false() when the builder found no C1 control character in the whole document (it looks
       at the bytes it hands to the workers of a divided build: teikit.build.parallel), which
       spares each of them the scan below; empty (the default): the stylesheet looks itself. -->
  <xsl:param name="control-characters" as="xs:boolean?" select="()"/>
  <!-- Whether any unit holds one: each unit's text translated once (a regex on every text node,
       as tk:c1-texts does, cost every worker of a divided build 0.1 s at 1,000 letters); the
       text nodes themselves are looked for only when there are some. -->
  <xsl:variable name="tk:has-c1" as="xs:boolean" select="if ($control-characters = false()) then false()
      else some $u in $tk:units satisfies
        string-length(translate(string($u), $tk:c1, '')) ne string-length(string($u))"/>

  <!--* A text node without the white space that touches a break="no" line, column or section
        break (lb, cb, milestone; a comment
        or processing instruction between them, "um<lb break="no"/><!- - korr. - -> lagern",
        is not the text's and does not separate them). -->
  <xsl:function name="tk:join-at-breaks" as="xs:string">
    <xsl:param name="t" as="text()"/>
    <xsl:variable name="s" select="if ($t/following-sibling::node()[not(self::comment() or
        self::processing-instruction())][1][(self::tei:lb | self::tei:cb | self::tei:milestone)[@break = 'no']])
        then replace(string($t), '\s+$', '') else string($t)"/>
    <xsl:sequence select="if ($t/preceding-sibling::node()[not(self::comment() or
        self::processing-instruction())][1][(self::tei:lb | self::tei:cb | self::tei:milestone)[@break = 'no']])
        then replace($s, '^\s+', '') else $s"/>
  </xsl:function>
  <!-- These are empty in TEI; a file that gives them content (an anchor around a word) keeps
       its words: they follow the anchor. -->
  <xsl:template match="tei:cb | tei:gb | tei:milestone">
    <xsl:if test="@xml:id"><span class="tei-{local-name()}" id="{@xml:id}"></span></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- A break between sections of a chapter, drawn in print as asterisks, a rule or a blank
       (ELTeC's milestone unit="section" rend="asterisk" or unit="subSection", DTA's rendition="#hr"): the reader
       saw nothing, and two scenes ran on as one (the TEI Stylesheets print "section" or a
       rule). Asterisks and rule are teikit's (tk-generated, no words); a separator for
       assistive technology. -->
  <xsl:template match="tei:milestone[empty(node())][tk:section-break(.) != '']" priority="1">
    <xsl:variable name="how" select="tk:section-break(.)"/>
    <xsl:variable name="block" select="exists(parent::*[starts-with(local-name(), 'div') or self::tei:body
        or self::tei:front or self::tei:back or self::tei:lg or self::tei:sp or self::tei:floatingText])"/>
    <xsl:choose>
      <xsl:when test="$how = 'rule' and $block"><hr class="tei-milestone section-break"><xsl:call-template name="tk:id"/></hr></xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if ($block) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'tei-milestone section-break break-' || $how || ' tk-generated'"/>
          <xsl:attribute name="role" select="'separator'"/>
          <xsl:call-template name="tk:id"/>
          <xsl:if test="$how = 'asterisks'">*&#xA0;&#xA0;*&#xA0;&#xA0;*</xsl:if>
          <xsl:if test="$how = 'rule' and not($block)">&#x2014;</xsl:if>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!--* How a milestone breaks the text, if it marks a section break: 'asterisks', 'rule',
        'space', or '' (a reference point: a page of another edition, a Perseus card). -->
  <xsl:function name="tk:section-break" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:variable name="said" select="tokenize(lower-case(translate(string-join(($m/@rend, $m/@rendition, $m/@type), ' '),
        '#;:()', '     ')))"/>
    <xsl:variable name="unit" select="lower-case(normalize-space($m/@unit))"/>
    <xsl:sequence select="
        if ($m/@break = 'no') then ''
        else if ($said = ('asterisk', 'asterisks', 'asterism', 'star', 'stars', 'asterix') or $unit = ('asterisk', 'asterisks')) then 'asterisks'
        else if ($said = ('hr', 'rule', 'line', 'horizontal-rule')) then 'rule'
        else if ($said = ('space', 'blank', 'gap')) then 'space'
        else if ($unit = ('section', 'subsection', 'structural', 'scene') and empty($m/@ed | $m/@edRef)
                 and not($m/parent::tei:p or $m/parent::tei:ab or $m/parent::tei:l)) then 'rule'
        else ''"/>
  </xsl:function>
  <xsl:template match="tei:fw"><span class="tei-fw"><xsl:apply-templates/></span></xsl:template>

  <!-- A printed page: an anchor in the margin, "p. 45", linking to itself so it can be copied. -->
  <xsl:template match="tei:pb">
    <xsl:variable name="id" select="tk:pb-id(.)"/>
    <xsl:variable name="scan" select="tk:pb-scan(.)"/>
    <span class="pb{if (@type = 'inferred') then ' inferred' else ''}" id="{$id}">
      <xsl:if test="@n">
        <a class="pb-link" href="#{$id}"
           title="{if (@type = 'inferred') then tk:s('page-inferred') else if (tk:is-leaf(.)) then tk:s('leaf')
                  else tk:s('printed-page')}">
          <xsl:value-of select="tk:pb-label(.)"/>
        </a>
      </xsl:if>
      <!-- the page's image, when @facs points at a surface (or zone, graphic) whose image the
           builder copied beside the pages, or is itself the image's path: a facsimile edition
           showed its scans nowhere -->
      <xsl:choose>
        <xsl:when test="$scan?local">
          <a class="pb-facs" href="{'images/' || $scan?url}"
             aria-label="{string-join((tk:s('facsimile'), @n ! tk:pb-label(..)), ', ')}">
            <xsl:value-of select="tk:s('facsimile')"/>
          </a>
        </xsl:when>
        <!-- a scan on another server (a IIIF image, a library's viewer): linked, never fetched,
             and never shown in the page (its policy loads images from the site only) -->
        <xsl:when test="exists($scan)">
          <a class="pb-facs remote" href="{$scan?url}" rel="noopener noreferrer external"
             aria-label="{string-join((tk:s('facsimile'), @n ! tk:pb-label(..), tk:s('elsewhere')), ', ')}">
            <xsl:value-of select="tk:s('facsimile')"/><span aria-hidden="true">&#x2197;</span></a>
        </xsl:when>
      </xsl:choose>
    </span>
    <!-- the scan itself, beside the text once the reader asks for the scans (the Scans button,
         assets/reader.js); hidden until then, and loaded lazily: an image kept out of the
         layout is not fetched -->
    <xsl:if test="$scan?local">
      <span class="pb-scan">
        <img src="{'images/' || $scan?url}" loading="lazy" decoding="async"
             alt="{string-join((tk:s('scan-of'), if (@n) then tk:s('page') || ' ' || @n else ()), ' ')}"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!--* The scan of a page break, as map{'url': …, 'local': true/false}, or (): pb/@facs (its
        first pointer) naming a surface, zone or graphic whose first graphic is an image copied
        beside the pages, else one on another server (an http(s) URL); or @facs itself an image's
        path (copied) or URL. -->
  <xsl:function name="tk:pb-scan" as="map(*)?">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="facs" select="tokenize($pb/@facs)[1]"/>
    <xsl:variable name="graphics" select="if (starts-with($facs, '#')) then tk:target($facs)/descendant-or-self::tei:graphic else ()"/>
    <xsl:variable name="local" select="($graphics/@url[tk:local-image(.) and tk:copied(.)],
        $pb/@facs[not(starts-with($facs, '#'))][tk:local-image(.) and tk:copied(.)])[1]"/>
    <xsl:variable name="remote" select="($graphics/@url, $facs[not(starts-with(., '#'))])
        [matches(normalize-space(.), '^https?://[^\s&quot;&lt;&gt;]+$', 'i')][1]"/>
    <xsl:sequence select="if ($local) then map{'url': string($local), 'local': true()}
        else if (exists($remote)) then map{'url': normalize-space($remote), 'local': false()} else ()"/>
  </xsl:function>
  <xsl:function name="tk:copied" as="xs:boolean">
    <xsl:param name="url" as="attribute()"/>
    <xsl:sequence select="empty($tk:copied-images) or map:contains($tk:copied-images, string($url))"/>
  </xsl:function>

  <xsl:template match="tei:anchor">
    <xsl:variable name="notes" select="tk:notes-of-marker(.)"/>
    <xsl:choose>
      <xsl:when test="exists($notes)">
        <xsl:variable name="anchor" select="."/>
        <!-- each note pointing here its own marker, side by side -->
        <xsl:for-each select="$notes">
          <xsl:variable name="note" select="."/>
          <xsl:for-each select="$anchor"><xsl:call-template name="tk:marker"><xsl:with-param name="note" select="$note"/></xsl:call-template></xsl:for-each>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="@xml:id"><span class="tei-anchor" id="{@xml:id}"></span></xsl:when>
    </xsl:choose>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- ============ pointers ============ -->

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="note" select="tk:note-of-marker(.)"/>
    <xsl:variable name="target" select="(tk:target(@target), tk:member-target(.))[1]"/>
    <xsl:variable name="href" select="tk:href-of($target)"/>
    <xsl:variable name="first" select="tokenize(@target)[1]"/>
    <!-- A ptr, or a ref with nothing inside (letters editions point at a diary entry with
         <ref target="1890-02-03"/> in the middle of a sentence): the reader sees where it
         points, else the sentence has a hole. -->
    <xsl:variable name="empty" select="exists(self::tei:ptr) or not(node())"/>
    <xsl:choose>
      <xsl:when test="$note">
        <xsl:call-template name="tk:marker"><xsl:with-param name="note" select="$note"/></xsl:call-template>
      </xsl:when>
      <!-- A note inside the link follows it: a marker (a link) inside a link is no HTML, and
           EPUBCheck refuses the book (tk:in-link keeps it out of the link's content). -->
      <xsl:when test="exists($href)">
        <a class="tei-{local-name()}{if (@type) then ' type-' || @type else ''}" href="{$href}">
          <xsl:call-template name="tk:id"/>
          <xsl:apply-templates><xsl:with-param name="tk:in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:if test="$empty"><span class="tk-generated"><xsl:value-of select="tk:target-label($target)"/></span></xsl:if>
        </a>
        <xsl:apply-templates select="tk:notes-in(.)"><xsl:with-param name="tk:in-link" select="false()" tunnel="yes"/></xsl:apply-templates>
      </xsl:when>
      <xsl:when test="matches($first, '^https?://')">
        <!-- as a valid URL: a character URLs do not allow ("|" in a query, a space) escaped, as
             iri-to-uri does; EPUBCheck refused a book for one such link of a register -->
        <a class="tei-{local-name()} external" href="{iri-to-uri($first)}">
          <xsl:call-template name="tk:id"/>
          <xsl:apply-templates><xsl:with-param name="tk:in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:if test="$empty"><span class="tk-generated"><xsl:value-of select="$first"/></span></xsl:if>
        </a>
        <xsl:apply-templates select="tk:notes-in(.)"><xsl:with-param name="tk:in-link" select="false()" tunnel="yes"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <!-- An element shown on no page (a register's bibliography entry, kept in the
             standOff) is named by what it says, all of it on hover; a file outside the
             edition by its name: "#bertolini1876a" and "../references/bibliography.xml#…"
             were all a reader saw of Concordia's references. -->
        <span class="tei-{local-name()} unresolved" title="{if ($target) then normalize-space(string-join($target//text(), ' ')) else @target}">
          <xsl:call-template name="tk:id"/>
          <xsl:apply-templates/>
          <xsl:if test="$empty"><span class="tk-generated"><xsl:value-of select="
              if ($target) then tk:unshown-label($target) else tk:pointer-label($first)"/></span></xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A canonical reference (@cRef, "NA:Mt:5:8") resolved by the header's cRefPattern into a
       web address (the Patristic Text Archive's 11,246 biblical references, <ref
       decls="#biblical" cRef="NA:Mt:5:8"/>, each an empty ref, showed nothing: the reader lost
       every citation). Its words link to the address; an empty one shows the reference as
       written (teikit's words). One whose pattern yields no web address is its words (or the
       reference) with the reference on hover. -->
  <xsl:template match="tei:ref[normalize-space(@cRef)][not(normalize-space(@target))]" priority="1">
    <xsl:variable name="url" select="tk:cref-url(.)"/>
    <xsl:element name="{if (exists($url)) then 'a' else 'span'}">
      <xsl:attribute name="class" select="'tei-ref cref' || (if (exists($url)) then ' external' else '')"/>
      <xsl:if test="exists($url)"><xsl:attribute name="href" select="$url"/></xsl:if>
      <xsl:attribute name="title" select="normalize-space(@cRef)"/>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates><xsl:with-param name="tk:in-link" select="exists($url)" tunnel="yes"/></xsl:apply-templates>
      <xsl:if test="not(node())"><span class="tk-generated"><xsl:value-of select="normalize-space(@cRef)"/></span></xsl:if>
    </xsl:element>
    <xsl:if test="exists($url)">
      <xsl:apply-templates select="tk:notes-in(.)"><xsl:with-param name="tk:in-link" select="false()" tunnel="yes"/></xsl:apply-templates>
    </xsl:if>
  </xsl:template>
  <!--* The web address a @cRef names: the first cRefPattern (of the refsDecl its @decls names,
        else of every refsDecl of the document) whose @matchPattern matches the whole reference,
        its @replacementPattern applied, when that gives an http(s) address; a pattern that is
        no valid regular expression is passed over. -->
  <xsl:function name="tk:cref-url" as="xs:string?">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="cref" select="normalize-space($ref/@cRef)"/>
    <xsl:variable name="decls" select="tokenize($ref/@decls) ! tk:target(.)[self::tei:refsDecl]"/>
    <xsl:variable name="patterns" select="(if (exists($decls)) then $decls else $tk:doc//tei:teiHeader//tei:refsDecl)
        /tei:cRefPattern[@matchPattern and @replacementPattern]"/>
    <xsl:sequence select="($patterns ! tk:cref-apply(., $cref))[matches(., '^https?://[^/\s]')][1] ! iri-to-uri(.)"/>
  </xsl:function>
  <xsl:function name="tk:cref-apply" as="xs:string?">
    <xsl:param name="pattern" as="element()"/>
    <xsl:param name="cref" as="xs:string"/>
    <xsl:try>
      <xsl:variable name="whole" select="'^(?:' || $pattern/@matchPattern || ')$'"/>
      <xsl:sequence select="if (matches($cref, $whole)) then replace($cref, $whole, $pattern/@replacementPattern) else ()"/>
      <xsl:catch/>
    </xsl:try>
  </xsl:function>

  <!--* A pointer to another document of the collection by its file ("./dassiolus.xml",
        "../1891/letter.xml#p3" whose ID the member does not hold alone): that member's
        element, else the member itself (its text). The file is found as collection.py finds
        it: by its path from the pointing member's folder (xml:base is the member's path in
        the collection), else by its name when one member alone has it. collection.py
        rewrites such pointers to the member's xml:id, which a member need not have. -->
  <xsl:function name="tk:member-target" as="element()?">
    <xsl:param name="pointing" as="element()"/>
    <xsl:variable name="first" select="tokenize($pointing/@target)[1]"/>
    <xsl:variable name="path" select="substring-before($first || '#', '#')"/>
    <xsl:variable name="members" select="if (ends-with(lower-case($path), '.xml') and not(contains($path, ':')))
        then $tk:doc/tei:teiCorpus/tei:TEI else ()"/>
    <xsl:variable name="from" select="string($pointing/ancestor::tei:TEI[1]/@xml:base)"/>
    <xsl:variable name="joined" select="tk:normpath((if (contains($from, '/')) then replace($from, '[^/]+$', '') else '') || $path)"/>
    <xsl:variable name="name" select="replace($path, '^.*/', '')"/>
    <xsl:variable name="named" select="$members[replace(@xml:base, '^.*/', '') = $name]"/>
    <xsl:variable name="member" select="($members[@xml:base = $joined], $named[count($named) eq 1])[1]"/>
    <xsl:variable name="id" select="substring-after($first, '#')"/>
    <xsl:sequence select="if (empty($member)) then ()
        else ((if ($id) then $member//*[@xml:id = $id] else ())[1], $member/tei:text)[1]"/>
  </xsl:function>
  <!--* A "/"-separated path with its "." and "dir/.." steps taken out. -->
  <xsl:function name="tk:normpath" as="xs:string">
    <xsl:param name="p" as="xs:string"/>
    <xsl:variable name="q" select="replace(replace($p, '(^|/)\./', '$1'), '(^|/)[^/.][^/]*/\.\./', '$1')"/>
    <xsl:sequence select="if ($q eq $p) then $p else tk:normpath($q)"/>
  </xsl:function>

  <!--* What an element no page shows says, in a line: a bibliography entry as author, date
        and title ("Bertolini 1876a, Scavi concordiesi"), anything else its first words. -->
  <xsl:function name="tk:unshown-label" as="xs:string">
    <xsl:param name="t" as="element()"/>
    <xsl:variable name="authors" select="string-join(($t//tei:author, $t//tei:editor)[1]
        ! normalize-space(((.//tei:surname)[1], .)[1]), ', ')"/>
    <xsl:variable name="short" select="if ($t/self::tei:bibl or $t/self::tei:biblStruct) then string-join((
        normalize-space(string-join(($authors, ($t//tei:date)[1] ! normalize-space()), ' ')),
        ($t//tei:title)[1] ! tk:plain(.))[.], ', ') else ''"/>
    <xsl:variable name="all" select="tk:plain($t)"/>
    <xsl:sequence select="if ($short) then $short
        else if (string-length($all) gt 80) then substring($all, 1, 79) || '…'
        else if ($all) then $all else string($t/@xml:id)"/>
  </xsl:function>

  <!--* A pointer to a file outside the edition, named for a reader: the file's name without
        its folders, and the part of it pointed at ("bibliography.xml#bertolini1876a"). -->
  <xsl:function name="tk:pointer-label" as="xs:string">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="let $p := string($pointer)
        return if (matches($p, '^[^:#]*/[^/]+$')) then replace($p, '^.*/', '') else $p"/>
  </xsl:function>

  <!--* Text for a ptr that names an element: "p. 45", "note 3", a division's or unit's label,
        an entity's name, else the label of the division (or unit) it stands in, never a raw ID. -->
  <xsl:function name="tk:target-label" as="xs:string">
    <xsl:param name="t" as="element()"/>
    <xsl:variable name="around" select="($t/ancestor::*[matches(local-name(), '^div\d?$')][1], tk:unit-of($t))[1]"/>
    <xsl:sequence select="
        if ($t/self::tei:pb) then tk:pb-label($t)
        else if ($t/self::tei:note) then tk:s('note') || ' ' || tk:note-number($t)
        else if (matches(local-name($t), '^div\d?$') or tk:is-unit($t)) then tk:label($t)
        else if (tk:register-of($t) = 'works') then tk:unshown-label($t)
        else if (tk:register-of($t) != '') then tk:entity-name($t)
        else if (exists($around)) then tk:label($around)
        else string($t/@xml:id)"/>
  </xsl:function>

  <!-- ============ notes ============ -->

  <!-- A note marker: a link to the note in this page's notes list (the script opens it in place). -->
  <xsl:template name="tk:marker">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="num" select="tk:note-number($note)"/>
    <a class="noteref" href="#{tk:note-id($note)}" id="{tk:marker-id(., $note)}"
       aria-label="{tk:s('note') || ' ' || $num}">
      <xsl:choose>
        <xsl:when test="self::tei:note or self::tei:anchor or not(normalize-space())">
          <span class="marker-number"><xsl:value-of select="$num"/></span>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

  <!--* The notes that continue a note through @next, in order (a cycle or a missing target ends it). -->
  <xsl:function name="tk:continuations" as="element(tei:note)*">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="tk:follow-next($note, ())"/>
  </xsl:function>
  <xsl:function name="tk:follow-next" as="element(tei:note)*">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="seen" as="element(tei:note)*"/>
    <xsl:variable name="next" select="key('tk:id', substring-after(normalize-space($note/@next), '#'), $tk:doc)
        [self::tei:note][not(some $s in ($note, $seen) satisfies $s is .)]"/>
    <xsl:sequence select="if (exists($next) and count($seen) lt 100)
        then ($next[1], tk:follow-next($next[1], ($seen, $note))) else ()"/>
  </xsl:function>

  <!-- A note that continues another (@prev naming a note) is shown with it (tk:continuations). -->
  <xsl:template match="tei:note[tk:is-continuation(.)]" priority="2"/>

  <!--* The notes inside $e, not inside another of them (what a link leaves out and follows with). -->
  <xsl:function name="tk:notes-in" as="element(tei:note)*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e//tei:note[not(ancestor::tei:note[ancestor::* intersect $e])]"/>
  </xsl:function>

  <xsl:template match="tei:note">
    <xsl:param name="tk:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <!-- inside a link: shown after it (the ref template) -->
      <xsl:when test="$tk:in-link"/>
      <!-- a marginal or inline note (@place) where it stands, numbered as it is listed; the
           list's entry is then a copy (data-shown-in) and links back here -->
      <xsl:when test="tk:shown-in-place(.)">
        <xsl:element name="{if (tk:holds-blocks-only(..)) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'tei-note note-placed place-' || (tk:note-place(.)[. != ''], 'block')[1]"/>
          <xsl:attribute name="id" select="tk:marker-id(., .)"/>
          <xsl:attribute name="role" select="'note'"/>
          <a class="note-number" href="#{tk:note-id(.)}"><xsl:value-of select="tk:note-number(.)"/></a>
          <xsl:text> </xsl:text>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="tk:is-inline-note(.)">
        <xsl:call-template name="tk:marker"><xsl:with-param name="note" select="."/></xsl:call-template>
      </xsl:when>
      <!-- A detached note listed on this same page is not repeated where it stands. -->
      <xsl:when test="tk:is-detached(.) and ($single-page or tk:note-unit(.) is tk:unit-of(.))"/>
      <!-- a note shown where it stands: a block, or a phrase where its parent is one (a note in a
           line of a transcription, in a choice's reading: a div there broke the page) -->
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="tk:note-entry">
          <xsl:with-param name="element" select="if (map:contains($tk:block-set, local-name(..))) then 'div' else 'span'"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--* Is this note shown where it stands (a marginal or inline note: tk:note-place), rather
        than as a marker? Only where HTML lets it: between blocks, or holding phrases alone
        inside a phrase (a note of paragraphs inside a sentence stays a marker). A note standing
        between blocks, in no sentence (a transcriber's "Voting." between two speeches), is
        shown there too: a marker alone on a line annotated nothing. -->
  <xsl:function name="tk:shown-in-place" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="tk:is-inline-note($note) and (if (tk:note-place($note) != '')
        then tk:holds-blocks-only($note/..) or empty($note//*[tk:is-block(.)])
        else tk:holds-blocks-only($note/..))"/>
  </xsl:function>

  <!--* Does this element hold blocks, not phrases (a division, a stanza), so that a note
        standing in it between them can be a block too? -->
  <xsl:function name="tk:holds-blocks-only" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="starts-with(local-name($e), 'div') or local-name($e) = ('body', 'front', 'back', 'text',
        'group', 'lg', 'sp', 'spGrp', 'argument', 'epigraph', 'opener', 'closer', 'postscript', 'floatingText', 'figure')"/>
  </xsl:function>

  <xsl:mode name="tk:without-ids" on-no-match="shallow-copy"/>
  <xsl:template match="@id" mode="tk:without-ids"/>

  <!-- A note in a register entry (a person's biography) is part of the entry. -->
  <xsl:template match="tei:note[ancestor::tei:person or ancestor::tei:personGrp or ancestor::tei:place
                                or ancestor::tei:org or ancestor::tei:event]" priority="1">
    <!-- a div when it holds paragraphs (Escher's people.xml: <note><p>…</p></note>) -->
    <xsl:element name="{if (exists(*[tk:is-block(.)])) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-note entry-note'"/>
      <xsl:call-template name="tk:id"/><xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A register that stands in the text (listPerson in back): one entry per item, each
       linked to its entity page, all its words kept (names, dates, notes). -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent">
    <section class="register-list tei-{local-name()}">
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates select="tei:head"/>
      <ul>
        <xsl:for-each select="* except tei:head">
          <li><xsl:apply-templates select="."/></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>
  <!-- A span, unless the entry holds a list of its own (an event's listPlace: a section) or
       paragraphs (a biography in a note): no span may hold them (EPUBCheck refused both on
       letters editions). -->
  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org | tei:event">
    <xsl:element name="{if (exists(.//(tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent))
        or exists(.//*[tk:is-block(.)])) then 'div' else 'span'}">
    <xsl:attribute name="class" select="'register-entry tei-' || local-name()"/>
      <!-- its anchor: the search results, an EPUB's names (tk:href-of-element) and a pointer
           to the entry link here (the TEI's own place test: "div-2.html#ESB", a dead link) -->
      <xsl:call-template name="tk:id"/>
      <xsl:for-each select="node()">
        <xsl:if test="position() gt 1 and self::*"><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
      <!-- (a document's own words on an entry of a register file given apart, read as the same
           entity, sameAs (collection.py), link to that entry) -->
      <xsl:variable name="entity" select="if (@xml:id) then .[tk:register-of(.) != '']
          else if (@sameAs) then tk:target(@sameAs)[tk:register-of(.) != ''] else ()"/>
      <xsl:if test="exists($entity)">
        <xsl:text> </xsl:text><a class="entry-link" href="{tk:entity-file($entity)}" aria-label="{tk:entity-name($entity)}: {tk:s('register')}">→</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- A note in a bibliographic entry is part of it. -->
  <xsl:template match="tei:note[ancestor::tei:biblStruct or ancestor::tei:bibl or ancestor::tei:biblFull]" priority="1">
    <span class="tei-note bibl-note"><xsl:call-template name="tk:id"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A note as listed: number, content, a back-link to each marker. -->
  <xsl:template match="tei:note" mode="tk:note-entry">
    <xsl:param name="element" as="xs:string" select="'li'"/>
    <xsl:variable name="num" select="tk:note-number(.)"/>
    <xsl:variable name="note" select="."/>
    <xsl:variable name="markers" select="if (tk:is-inline-note(.)) then . else tk:markers(.)"/>
    <xsl:element name="{$element}">
      <xsl:attribute name="class" select="'note'"/>
      <xsl:attribute name="id" select="tk:note-id(.)"/>
      <!-- An endnote listed beside its marker is a copy of the one its notes division shows:
           say so (and where that one is), so that a reader's tools and the word count know. -->
      <xsl:if test="$element = 'li' and tk:is-detached(.) and not($single-page)
                    and not(tk:note-unit(.) is tk:unit-of(.)) and exists(tk:unit-of(.))">
        <xsl:attribute name="data-shown-in" select="tk:unit-file(tk:unit-of(.))"/>
      </xsl:if>
      <xsl:variable name="in-place" select="$element = 'li' and tk:shown-in-place(.) and exists(tk:unit-of(.))"/>
      <xsl:if test="$in-place">
        <xsl:attribute name="data-shown-in" select="tk:unit-file(tk:unit-of(.))"/>
      </xsl:if>
      <span class="note-number"><xsl:value-of select="$num"/>. </span>
      <xsl:element name="{if ($element = 'span') then 'span' else 'div'}">
        <xsl:attribute name="class" select="'note-body'"/>
        <xsl:choose>
          <!-- the copy of a note shown in place: its elements' ids are those of the original -->
          <xsl:when test="$in-place">
            <xsl:variable name="body"><xsl:apply-templates/></xsl:variable>
            <xsl:apply-templates select="$body" mode="tk:without-ids"/>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
        </xsl:choose>
        <!-- a note continued elsewhere (@next) is shown whole, here -->
        <xsl:for-each select="tk:continuations(.)">
          <xsl:text> </xsl:text><span class="note-continued"><xsl:apply-templates/></span>
        </xsl:for-each>
      </xsl:element>
      <xsl:for-each select="$markers">
        <xsl:variable name="unit" select="tk:unit-of(.)"/>
        <a class="backlink" href="{tk:unit-file($unit)}#{tk:marker-id(., $note)}"
           aria-label="{tk:s('back-to-text')} ({tk:s('note')} {$num}{if (position() gt 1) then ', ' || position() else ''})">↩<xsl:if
           test="position() gt 1"><xsl:value-of select="position()"/></xsl:if></a>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- ============ bibliography ============ -->

  <xsl:template match="tei:biblStruct">
    <div class="tei-biblStruct"><xsl:call-template name="tk:id"/>
      <xsl:for-each select="tei:analytic, tei:monogr, tei:series">
        <xsl:variable name="names" select="(tei:author | tei:editor)"/>
        <xsl:if test="$names">
          <span class="names"><xsl:for-each select="$names">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:choose>
              <!-- A name that points somewhere is rendered as written, so its link (and anchor) stay. -->
              <xsl:when test=".//*[@ref]"><span class="tei-{local-name()}"><xsl:apply-templates/></span></xsl:when>
              <!-- So is a name with words beside its surname and forenames (a variant, a role):
                   "Surname, Forename" would drop them. -->
              <xsl:when test="tk:name-has-more(.)"><span class="tei-{local-name()}"><xsl:apply-templates/></span></xsl:when>
              <xsl:otherwise>
                <span class="tei-{local-name()}"><xsl:value-of select="tk:person-name(.)"/></span>
                <xsl:for-each select=".//tei:note"><xsl:text> </xsl:text><xsl:apply-templates select="."/></xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:if test="self::tei:editor and not(tk:name-has-more(.))"><xsl:text> </xsl:text><span class="tk-generated">(ed.)</span></xsl:if>
          </xsl:for-each>
          <!-- "Brook-Sheperd, G." takes no second full stop -->
          <xsl:variable name="last" select="$names[last()]"/>
          <xsl:value-of select="tk:stop(if ($last/self::tei:editor and not(tk:name-has-more($last))) then ')'
              else if ($last//*[@ref] or tk:name-has-more($last)) then tk:plain($last) else tk:person-name($last))"/></span>
        </xsl:if>
        <xsl:for-each select="tei:title">
          <xsl:apply-templates select="."/><xsl:value-of select="tk:stop(tk:plain(.))"/>
        </xsl:for-each>
        <xsl:for-each select="tei:imprint">
          <span class="tei-imprint">
            <xsl:for-each select="tei:pubPlace"><xsl:apply-templates select="."/>: </xsl:for-each>
            <xsl:for-each select="tei:publisher"><xsl:apply-templates select="."/>, </xsl:for-each>
            <xsl:apply-templates select="* except (tei:pubPlace | tei:publisher)"/>
          </span>
          <xsl:text>. </xsl:text>
        </xsl:for-each>
        <xsl:apply-templates select="* except (tei:author | tei:editor | tei:title | tei:imprint)"/>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates select="* except (tei:analytic | tei:monogr | tei:series)"/>
    </div>
  </xsl:template>

  <!--* What follows a part of an entry: ". ", or only " " after a part that already ends a
        sentence ("G.", "Why?"), so an entry never shows "G.." -->
  <xsl:function name="tk:stop" as="xs:string">
    <xsl:param name="before" as="xs:string"/>
    <xsl:sequence select="if (matches($before, '[.?!]$')) then ' ' else '. '"/>
  </xsl:function>

  <!-- Names in a biblStruct are formatted above; their original markup is not repeated. -->

  <!--* Does a structured name hold words besides its surname and forenames (addName, roleName)? -->
  <xsl:function name="tk:name-has-more" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists($name//tei:surname) and exists($name//text()[matches(., '\w')]
        [not(ancestor::tei:surname or ancestor::tei:forename or ancestor::tei:note)])"/>
  </xsl:function>

  <!-- ============ fallback ============ -->

  <xsl:template match="*" priority="-1">
    <xsl:element name="{if (tk:is-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="tk:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- An HTML id from xml:id (kept so that #fragment links into the text work); a block
       without one (p, ab, l, head) gets its stable anchor (anchors.xsl). -->
  <xsl:template name="tk:id">
    <!-- its language, when the TEI names one (a foreign phrase says it itself), and its
         direction when that is not the direction of what holds it (tk:dir-attribute) -->
    <xsl:if test="@xml:lang and not(self::tei:foreign)"><xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/></xsl:if>
    <xsl:sequence select="tk:dir-attribute(.)"/>
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:when>
      <xsl:when test="tk:is-anchored-block(.)"><xsl:attribute name="id" select="tk:block-id(.)"/></xsl:when>
    </xsl:choose>
    <!-- its alignment, said by @rend, @rendition or @style (every element made here calls this
         template): the stylesheet aligns it, and a phrase so aligned stands on a line of its own -->
    <xsl:if test="@rend or @rendition or @style">
      <xsl:for-each select="tk:align(.)"><xsl:attribute name="data-align" select="."/></xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!--* The alignment @rend, @style or @rendition give an element ("right", "center", "left"),
        else (): letters editions' dateline rend="right" and salute rend="center", a letterhead's
        seg rend="left"/"right" (two of them side by side, with no space between, read as one
        word inline), the DTA's rendition="#c" and "#right", the TEI Stylesheets'
        rend="rightJustified", CSS's text-align. -->
  <xsl:function name="tk:align" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="said" select="tokenize(lower-case(translate(string-join(($e/@rend, $e/@style), ' '),
        '#;:(){}', '       ')))"/>
    <xsl:variable name="rendition" select="tokenize(lower-case(translate($e/@rendition, '#', ' ')))"/>
    <xsl:sequence select="
        if ($said = ('right', 'rightjustified', 'right-aligned', 'flushright', 'align-right')
            or $rendition = ('right', 'rightjustified')) then 'right'
        else if ($said = ('center', 'centre', 'centered', 'centred', 'centerjustified', 'centrejustified',
            'align-center') or $rendition = ('c', 'center', 'centre', 'centered', 'centred')) then 'center'
        else if ($said = ('left', 'leftjustified', 'flushleft', 'align-left')
            or $rendition = ('left', 'leftjustified')) then 'left'
        else ()"/>
  </xsl:function>
</xsl:stylesheet>
